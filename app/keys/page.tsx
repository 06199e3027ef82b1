'use client';

import { Suspense } from 'react';
import { Panel } from '@/components/panel';
import { LoadingState } from '@/components/state-views';
import { useKeyFilters } from '@/lib/client/use-keys';
import { KeyListView } from './key-list-view';
import './keys.css';

export default function KeysPage() {
  return (
    <div className="page">
      <header className="page-header">
        <h1 className="page-title">Keys</h1>
      </header>
      {/* useSearchParams needs a boundary, or the whole page would skip static rendering. */}
      <Suspense
        fallback={
          <Panel id="keys" title="Every key">
            <LoadingState variant="table" label="Loading keys…" />
          </Panel>
        }
      >
        <KeysView />
      </Suspense>
    </div>
  );
}

function KeysView() {
  const { filters, setFilters } = useKeyFilters();
  return (
    <Panel id="keys" title="Every key">
      <KeyListView filters={filters} onChange={setFilters} />
    </Panel>
  );
}
