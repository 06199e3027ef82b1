'use client';

import Link from 'next/link';
import { Suspense } from 'react';
import { HygieneFindings } from '@/components/hygiene-findings';
import { Pagination } from '@/components/pagination';
import { Panel } from '@/components/panel';
import { QueryView } from '@/components/query-view';
import { EmptyState, LoadingState } from '@/components/state-views';
import { formatInteger } from '@/lib/client/format';
import { HYGIENE_RULES } from '@/lib/client/key-labels';
import { useHygiene, useHygieneView } from '@/lib/client/use-keys';
import '../keys/keys.css';

export default function HygienePage() {
  return (
    <div className="page">
      {/* useSearchParams needs a boundary, or the whole page would skip static rendering. */}
      <Suspense fallback={<LoadingState variant="table" label="Loading hygiene findings…" />}>
        <HygieneView />
      </Suspense>
    </div>
  );
}

function HygieneView() {
  const { view, setView } = useHygieneView();
  const hygiene = useHygiene(view);
  const data = hygiene.data;
  const total = data ? Object.values(data.counts).reduce((a, b) => a + b, 0) : 0;
  return (
    <>
      <header className="page-header">
        <h1 className="page-title">Key hygiene</h1>
        {data ? (
          <p className="muted" data-testid="hygiene-summary">
            {formatInteger(total)} finding{total === 1 ? '' : 's'} across {formatInteger(data.keyCount)} active keys · rotation policy {data.policy.rotationDays} days ·
            unused after {data.policy.unusedDays} days
          </p>
        ) : null}
      </header>
      <Panel id="findings" title={view.rule ? HYGIENE_RULES[view.rule].title : 'Findings by rule'}>
        {view.rule ? (
          <p>
            <Link href="/hygiene" data-testid="hygiene-all-rules">
              <span aria-hidden="true">← </span>Every rule
            </Link>
          </p>
        ) : null}
        <QueryView
          query={hygiene}
          what="hygiene findings"
          loading={<LoadingState variant="table" label="Loading hygiene findings…" />}
          empty={<EmptyState title="No active keys yet…">Findings appear once a provider connection lists its keys.</EmptyState>}
          isEmpty={(report) => report.keyCount === 0}
        >
          {(report) => (
            <>
              <HygieneFindings layout="grouped" findings={report.findings} counts={report.counts} only={report.rule} />
              {report.rule ? (
                <Pagination
                  page={report.page}
                  pageSize={report.pageSize}
                  total={report.counts[report.rule]}
                  onPageChange={(page) => setView({ rule: report.rule, page })}
                  label="Hygiene finding pages"
                />
              ) : null}
            </>
          )}
        </QueryView>
      </Panel>
    </>
  );
}
