'use client';

import { Suspense } from 'react';
import { IncidentCounts } from '@/components/incident-counts';
import { IncidentFilters } from '@/components/incident-filters';
import { IncidentTable } from '@/components/incident-table';
import { Pagination } from '@/components/pagination';
import { Panel } from '@/components/panel';
import { QueryView } from '@/components/query-view';
import { EmptyState, LoadingState } from '@/components/state-views';
import { formatInteger } from '@/lib/client/format';
import type { StatusFilter } from '@/lib/client/incident-filters';
import type { IncidentFilters as Filters } from '@/lib/client/incident-filters';
import { useIncidentFilters, useIncidents } from '@/lib/client/use-incidents';
import { useUsageSeries } from '@/lib/client/use-overview';

const PAGE_SIZE = 25;

const LIST_TITLES: Record<StatusFilter, string> = {
  active: 'Active incidents',
  open: 'Open incidents',
  acknowledged: 'Acknowledged incidents',
  resolved: 'Resolved incidents',
  all: 'All incidents',
};

export default function IncidentsPage() {
  return (
    <div className="page">
      {/* useSearchParams needs a boundary, or the whole page would skip static rendering. */}
      <Suspense fallback={<IncidentsFallback />}>
        <IncidentsView />
      </Suspense>
    </div>
  );
}

function IncidentsView() {
  const { filters, setFilters } = useIncidentFilters();
  const incidents = useIncidents({ ...filters, pageSize: PAGE_SIZE });
  // The environments that had usage lately are the ones worth offering as a filter.
  const environments = useUsageSeries('90d', 'cost').data?.environments ?? [];
  const data = incidents.data;
  const keyName = filters.key ? (data?.rows.find((r) => r.keyId === filters.key)?.keyName ?? null) : null;

  return (
    <>
      <header className="page-header">
        <h1 className="page-title">Incidents</h1>
        {data ? <IncidentCounts counts={data.counts} /> : null}
      </header>
      <Panel id="incidents" title={data && !incidents.isPlaceholderData ? `${LIST_TITLES[filters.status]} · ${formatInteger(data.total)}` : LIST_TITLES[filters.status]}>
        <IncidentFilters filters={filters} onChange={setFilters} environments={environments} keyName={keyName} />
        <QueryView
          query={incidents}
          what="incidents"
          loading={<LoadingState variant="table" label="Loading incidents…" />}
          empty={<IncidentsEmpty filters={filters} onFirstPage={() => setFilters({ page: 1 })} />}
          isEmpty={(page) => page.rows.length === 0}
        >
          {(page) => (
            <div className="incidents-result" aria-busy={incidents.isPlaceholderData}>
              <IncidentTable rows={page.rows} now={new Date(incidents.dataUpdatedAt)} label="Incidents" />
              <Pagination page={page.page} pageSize={page.pageSize} total={page.total} onPageChange={(p) => setFilters({ page: p })} label="Incident pages" />
            </div>
          )}
        </QueryView>
      </Panel>
    </>
  );
}

function IncidentsEmpty({ filters, onFirstPage }: { filters: Filters; onFirstPage: () => void }) {
  if (filters.page > 1) {
    return (
      <EmptyState title="This page is empty.">
        <button type="button" className="button" onClick={onFirstPage}>
          Back to the first page
        </button>
      </EmptyState>
    );
  }
  const filtered = filters.kind !== undefined || filters.severity !== undefined || filters.environment !== undefined || filters.key !== undefined;
  if (filtered) return <EmptyState title="No incidents match these filters.">Try another kind, severity or environment, or clear the filters.</EmptyState>;
  if (filters.status === 'active' || filters.status === 'open') {
    return <EmptyState title="No open incidents.">Burnrate watches every key’s usage and budget; anything unusual opens an incident here.</EmptyState>;
  }
  if (filters.status === 'acknowledged') return <EmptyState title="No acknowledged incidents." />;
  if (filters.status === 'resolved') return <EmptyState title="No resolved incidents yet." />;
  return <EmptyState title="No incidents yet…">Incidents appear here when a key’s usage looks unusual or a budget is at risk.</EmptyState>;
}

function IncidentsFallback() {
  return (
    <>
      <header className="page-header">
        <h1 className="page-title">Incidents</h1>
      </header>
      <Panel id="incidents" title="Incidents">
        <LoadingState variant="table" label="Loading incidents…" />
      </Panel>
    </>
  );
}
