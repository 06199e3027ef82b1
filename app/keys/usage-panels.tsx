'use client';

import { KeyBreakdown } from '@/components/key-breakdown';
import { KeyChart } from '@/components/key-chart';
import { Panel } from '@/components/panel';
import { QueryView } from '@/components/query-view';
import { RangePicker } from '@/components/range-picker';
import { EmptyState, LoadingState } from '@/components/state-views';
import { UnitSwitch } from '@/components/unit-switch';
import { isKeySeriesEmpty } from '@/lib/client/key-chart-rows';
import { useBreakdownOf, useUsageOf } from '@/lib/client/use-keys';
import type { UsageOf } from '@/lib/client/use-keys';
import { useUsageView } from '@/lib/client/use-usage-view';

type UsagePanelsProps = { of: UsageOf; subject: string; chartTestId?: string };

/**
 * The usage chart (range and unit in the URL) and the model and region breakdowns of a key
 * or an environment. Must sit inside a Suspense boundary: the view lives in the URL.
 */
export function UsagePanels({ of, subject, chartTestId = 'key-chart' }: UsagePanelsProps) {
  const { range, unit, setRange, setUnit } = useUsageView();
  const series = useUsageOf(of, range, unit);
  const breakdown = useBreakdownOf(of, range);
  return (
    <>
      <Panel
        id="usage"
        title="Usage"
        actions={
          <>
            <RangePicker value={range} onChange={setRange} />
            <UnitSwitch value={unit} onChange={setUnit} />
          </>
        }
      >
        <QueryView
          query={series}
          what="usage"
          loading={<LoadingState variant="chart" label="Loading usage…" />}
          empty={<EmptyState title="No usage in this range.">Nothing was recorded for {subject} in this time range.</EmptyState>}
          isEmpty={isKeySeriesEmpty}
        >
          {(data) => <KeyChart series={data} subject={subject} updating={series.isPlaceholderData} testId={chartTestId} />}
        </QueryView>
      </Panel>
      <Panel id="breakdown" title="Where the spend goes">
        <QueryView
          query={breakdown}
          what="the breakdown"
          loading={<LoadingState variant="table" rows={4} label="Loading the breakdown…" />}
          empty={null}
          isEmpty={() => false}
        >
          {(data) => (
            <div className="key-columns" aria-busy={breakdown.isPlaceholderData}>
              <KeyBreakdown title="Models" nameLabel="Model" rows={data.models} emptyText="No usage in this range." testId="breakdown-models" />
              <KeyBreakdown
                title="Caller regions"
                nameLabel="Region"
                rows={data.regions}
                emptyText="No caller regions: they come from ingested events (gateways, SDK exporters), which admin usage APIs do not have."
                unknownLabel="Unknown region"
                testId="breakdown-regions"
              />
            </div>
          )}
        </QueryView>
      </Panel>
    </>
  );
}

/** What stands in for UsagePanels while the URL is read. */
export function UsagePanelsFallback() {
  return (
    <Panel id="usage" title="Usage">
      <LoadingState variant="chart" label="Loading usage…" />
    </Panel>
  );
}
