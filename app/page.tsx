'use client';

import { Suspense, useState } from 'react';
import Link from 'next/link';
import { HealthStatus } from '@/components/health-status';
import { IncidentCounts } from '@/components/incident-counts';
import { IncidentTable } from '@/components/incident-table';
import { KeysTable } from '@/components/keys-table';
import { OverviewMovers } from '@/components/overview-movers';
import type { KeySort } from '@/components/keys-table';
import { Pagination } from '@/components/pagination';
import { Panel } from '@/components/panel';
import { QueryView } from '@/components/query-view';
import { RangePicker } from '@/components/range-picker';
import { SearchInput } from '@/components/search-input';
import { EmptyState, LoadingState } from '@/components/state-views';
import { SummaryStats } from '@/components/summary-stats';
import { UnitSwitch } from '@/components/unit-switch';
import { UsageChart } from '@/components/usage-chart';
import { isSeriesEmpty } from '@/lib/client/chart-rows';
import { useDebouncedValue } from '@/lib/client/use-debounced-value';
import { useIncidents } from '@/lib/client/use-incidents';
import { useHealth, useKeys, useSummary, useTopMovers, useUsageSeries } from '@/lib/client/use-overview';
import { useUsageView } from '@/lib/client/use-usage-view';

const KEYS_PAGE_SIZE = 25;
const SEARCH_DEBOUNCE_MS = 250;
const TOP_INCIDENTS = 5;

export default function OverviewPage() {
  return (
    <div className="page">
      <header className="page-header">
        <h1 className="page-title">Overview</h1>
        <HealthSection />
      </header>
      <SummarySection />
      <OpenIncidentsSection />
      <MoversSection />
      {/* useSearchParams needs a boundary, or the whole page would skip static rendering. */}
      <Suspense fallback={<UsagePanelFallback />}>
        <UsageSection />
      </Suspense>
      <KeysSection />
    </div>
  );
}

function HealthSection() {
  const health = useHealth();
  return <HealthStatus health={health.data} error={health.error} now={new Date(health.dataUpdatedAt)} />;
}

function SummarySection() {
  const summary = useSummary();
  return (
    <section className="summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading" className="sr-only">
        This month
      </h2>
      <QueryView
        query={summary}
        what="the monthly summary"
        loading={<LoadingState variant="cards" label="Loading the monthly summary…" />}
        empty={
          <EmptyState title="No usage yet…">
            Connect an OpenAI or Anthropic admin key; spend appears here after the first usage pull.
          </EmptyState>
        }
        isEmpty={(data) => data.keyCount === 0 && data.monthToDateUsd === 0}
      >
        {(data) => <SummaryStats summary={data} />}
      </QueryView>
    </section>
  );
}

function OpenIncidentsSection() {
  const incidents = useIncidents({ status: 'active', page: 1, pageSize: TOP_INCIDENTS });
  return (
    <Panel
      id="open-incidents"
      title="Open incidents"
      actions={
        <>
          {incidents.data ? <IncidentCounts counts={incidents.data.counts} /> : null}
          <Link href="/incidents" className="button button-small">
            All incidents<span aria-hidden="true"> →</span>
          </Link>
        </>
      }
    >
      <QueryView
        query={incidents}
        what="open incidents"
        loading={<LoadingState variant="table" rows={3} label="Loading open incidents…" />}
        empty={<EmptyState title="No open incidents.">Burnrate watches every key’s usage and budget; anything unusual opens an incident here.</EmptyState>}
        isEmpty={(data) => data.rows.length === 0}
      >
        {(data) => <IncidentTable rows={data.rows} now={new Date(incidents.dataUpdatedAt)} label="Open incidents" />}
      </QueryView>
    </Panel>
  );
}

function MoversSection() {
  const movers = useTopMovers();
  return (
    <Panel id="movers" title="Top movers">
      <QueryView
        query={movers}
        what="top movers"
        loading={<LoadingState variant="table" rows={5} label="Loading top movers…" />}
        empty={<EmptyState title="No changes to show.">No key’s spend changed between the last 7 days and the 7 before.</EmptyState>}
        isEmpty={(data) => data.rows.length === 0}
      >
        {(data) => <OverviewMovers movers={data} />}
      </QueryView>
    </Panel>
  );
}

function UsageSection() {
  const { range, unit, setRange, setUnit } = useUsageView();
  const usage = useUsageSeries(range, unit);
  return (
    <Panel
      id="usage"
      title="Usage by environment"
      actions={
        <>
          <RangePicker value={range} onChange={setRange} />
          <UnitSwitch value={unit} onChange={setUnit} />
        </>
      }
    >
      <QueryView
        query={usage}
        what="usage"
        loading={<LoadingState variant="chart" label="Loading usage…" />}
        empty={<EmptyState title="No usage yet…">Nothing was recorded in this time range.</EmptyState>}
        isEmpty={isSeriesEmpty}
      >
        {(series) => <UsageChart series={series} updating={usage.isPlaceholderData} />}
      </QueryView>
    </Panel>
  );
}

function UsagePanelFallback() {
  return (
    <Panel id="usage" title="Usage by environment">
      <LoadingState variant="chart" label="Loading usage…" />
    </Panel>
  );
}

function KeysSection() {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<KeySort>('cost');
  const [page, setPage] = useState(1);
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const keys = useKeys({ q: q === '' ? undefined : q, sort, page, pageSize: KEYS_PAGE_SIZE });

  const emptyTitle = q !== '' ? `No keys match “${q}”.` : page > 1 ? 'This page is empty.' : 'No keys yet…';
  return (
    <Panel
      id="keys"
      title="Keys"
      actions={
        <SearchInput
          label="Search keys"
          placeholder="Search keys…"
          value={search}
          onChange={(value) => {
            setSearch(value);
            setPage(1);
          }}
        />
      }
    >
      <QueryView
        query={keys}
        what="keys"
        loading={<LoadingState variant="table" label="Loading keys…" />}
        empty={
          <EmptyState title={emptyTitle}>
            {page > 1 ? (
              <button type="button" className="button" onClick={() => setPage(1)}>
                Back to the first page
              </button>
            ) : q === '' ? (
              'Keys appear here once a provider connection has been added and its first usage pulled.'
            ) : null}
          </EmptyState>
        }
        isEmpty={(data) => data.rows.length === 0}
      >
        {(data) => (
          <div className="keys-result" aria-busy={keys.isPlaceholderData}>
            <KeysTable
              rows={data.rows}
              sort={sort}
              onSortChange={(next) => {
                setSort(next);
                setPage(1);
              }}
              now={new Date(keys.dataUpdatedAt)}
            />
            <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPageChange={setPage} label="Keys pages" />
          </div>
        )}
      </QueryView>
    </Panel>
  );
}
