'use client';

import { useEffect, useState } from 'react';
import { KeyListFilters } from '@/components/key-list-filters';
import { KeyListTable } from '@/components/key-list-table';
import { Pagination } from '@/components/pagination';
import { QueryView } from '@/components/query-view';
import { SearchInput } from '@/components/search-input';
import { EmptyState, LoadingState } from '@/components/state-views';
import type { KeyFilters } from '@/lib/client/key-filters';
import { useDebouncedValue } from '@/lib/client/use-debounced-value';
import { useKeyList } from '@/lib/client/use-keys';
import { useUsageSeries } from '@/lib/client/use-overview';

const PAGE_SIZE = 25;
const SEARCH_DEBOUNCE_MS = 250;

type KeyListViewProps = {
  filters: KeyFilters;
  /** `replace` for keystrokes in the search box, which should not each become a history entry. */
  onChange: (change: Partial<KeyFilters>, options?: { replace?: boolean }) => void;
  /** False on an environment's page, where the environment is fixed. */
  showEnvironment?: boolean;
};

/** The keys list with its search, filters, sort and pages; shared by /keys and an environment's page. */
export function KeyListView({ filters, onChange, showEnvironment = true }: KeyListViewProps) {
  const keys = useKeyList({ ...filters, pageSize: PAGE_SIZE });
  // The environments that had usage lately are the ones worth offering as a filter.
  const environments = useUsageSeries('90d', 'cost').data?.environments ?? [];
  const [search, setSearch] = useState(filters.q ?? '');
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  useEffect(() => {
    if (q !== (filters.q ?? '')) onChange({ q: q === '' ? undefined : q }, { replace: true });
  }, [q, filters.q, onChange]);

  const filtered = filters.provider !== undefined || filters.status !== undefined || filters.tag !== undefined || (showEnvironment && filters.environment !== undefined);
  return (
    <>
      <div className="key-list-controls">
        <SearchInput label="Search keys" placeholder="Search by name, owner, key id…" value={search} onChange={setSearch} />
        <KeyListFilters filters={filters} onChange={onChange} environments={environments} showEnvironment={showEnvironment} />
      </div>
      <QueryView
        query={keys}
        what="keys"
        loading={<LoadingState variant="table" label="Loading keys…" />}
        empty={
          filters.page > 1 ? (
            <EmptyState title="This page is empty.">
              <button type="button" className="button" onClick={() => onChange({ page: 1 })}>
                Back to the first page
              </button>
            </EmptyState>
          ) : filters.q || filtered ? (
            <EmptyState title={filters.q ? `No keys match “${filters.q}”.` : 'No keys match these filters.'}>Try another search, or clear the filters.</EmptyState>
          ) : (
            <EmptyState title="No keys yet…">Keys appear here once a provider connection has been added and its first usage pulled.</EmptyState>
          )
        }
        isEmpty={(data) => data.rows.length === 0}
      >
        {(data) => (
          <div className="keys-result" aria-busy={keys.isPlaceholderData} data-testid="key-list-result">
            <KeyListTable
              rows={data.rows}
              sort={filters.sort}
              onSortChange={(sort) => onChange({ sort })}
              onTagClick={(tag) => onChange({ tag })}
              now={new Date(keys.dataUpdatedAt)}
            />
            <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPageChange={(page) => onChange({ page })} label="Keys pages" />
          </div>
        )}
      </QueryView>
    </>
  );
}
