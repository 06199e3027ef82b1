'use client';

import { HygieneFindings } from '@/components/hygiene-findings';
import { Panel } from '@/components/panel';
import { QueryView } from '@/components/query-view';
import { EmptyState, LoadingState } from '@/components/state-views';
import { formatInteger } from '@/lib/client/format';
import { useHygiene } from '@/lib/client/use-keys';
import '../keys/keys.css';

export default function HygienePage() {
  const hygiene = useHygiene();
  const data = hygiene.data;
  return (
    <div className="page">
      <header className="page-header">
        <h1 className="page-title">Key hygiene</h1>
        {data ? (
          <p className="muted" data-testid="hygiene-summary">
            {formatInteger(data.findings.length)} finding{data.findings.length === 1 ? '' : 's'} across {formatInteger(data.keyCount)} active keys · rotation policy{' '}
            {data.policy.rotationDays} days · unused after {data.policy.unusedDays} days
          </p>
        ) : null}
      </header>
      <Panel id="findings" title="Findings by rule">
        <QueryView
          query={hygiene}
          what="hygiene findings"
          loading={<LoadingState variant="table" label="Loading hygiene findings…" />}
          empty={<EmptyState title="No active keys yet…">Findings appear once a provider connection lists its keys.</EmptyState>}
          isEmpty={(report) => report.keyCount === 0}
        >
          {(report) => <HygieneFindings findings={report.findings} layout="grouped" />}
        </QueryView>
      </Panel>
    </div>
  );
}
