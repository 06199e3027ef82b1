'use client';

import { Suspense } from 'react';
import { AuditFilters } from '@/components/audit-filters';
import { AuditTable } from '@/components/audit-table';
import { Pagination } from '@/components/pagination';
import { Panel } from '@/components/panel';
import { QueryView } from '@/components/query-view';
import { EmptyState, LoadingState } from '@/components/state-views';
import { auditExportHref, hasAuditFilters } from '@/lib/client/audit-filters';
import { formatInteger } from '@/lib/client/format';
import { useAuditFilters, useAuditLog } from '@/lib/client/use-audit';

const PAGE_SIZE = 50;
const NO_FACETS = { actions: [], targetTypes: [], actors: [] };

export function AuditView() {
  return (
    // useSearchParams needs a boundary.
    <Suspense fallback={<LoadingState variant="table" label="Loading the audit log…" />}>
      <AuditEntries />
    </Suspense>
  );
}

function AuditEntries() {
  const { filters, setFilters } = useAuditFilters();
  const log = useAuditLog(filters, PAGE_SIZE);
  const data = log.data;
  const exportLink = (
    <a className="button button-small" href={auditExportHref(filters)} download data-testid="audit-export">
      Export JSON lines
    </a>
  );

  return (
    <Panel id="audit" title={data && !log.isPlaceholderData ? `Entries · ${formatInteger(data.total)}` : 'Entries'} actions={exportLink}>
      <AuditFilters filters={filters} onChange={setFilters} facets={data?.facets ?? NO_FACETS} />
      <QueryView
        query={log}
        what="the audit log"
        loading={<LoadingState variant="table" label="Loading the audit log…" />}
        empty={
          filters.page > 1 ? (
            <EmptyState title="This page is empty.">
              <button type="button" className="button" onClick={() => setFilters({ page: 1 })}>
                Back to the first page
              </button>
            </EmptyState>
          ) : hasAuditFilters(filters) ? (
            <EmptyState title="No entries match these filters.">Try another entity, action, person or days, or clear the filters.</EmptyState>
          ) : (
            <EmptyState title="Nothing has changed yet.">Changes to settings, budgets, incidents and keys appear here as they are made.</EmptyState>
          )
        }
        isEmpty={(page) => page.entries.length === 0}
      >
        {(page) => (
          <div className="incidents-result" aria-busy={log.isPlaceholderData}>
            <AuditTable entries={page.entries} now={new Date(log.dataUpdatedAt)} onEntity={({ type, id }) => setFilters({ entity: type, entityId: id })} />
            <Pagination page={page.page} pageSize={page.pageSize} total={page.total} onPageChange={(p) => setFilters({ page: p })} label="Audit log pages" />
          </div>
        )}
      </QueryView>
    </Panel>
  );
}
