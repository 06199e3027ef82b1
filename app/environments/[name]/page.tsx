'use client';

import Link from 'next/link';
import { Suspense, use, useCallback, useState } from 'react';
import { Panel } from '@/components/panel';
import { changeKeyFilters, DEFAULT_KEY_SORT } from '@/lib/client/key-filters';
import type { KeyFilters } from '@/lib/client/key-filters';
import { KeyListView } from '../../keys/key-list-view';
import { UsagePanels, UsagePanelsFallback } from '../../keys/usage-panels';
import '../../keys/keys.css';

export default function EnvironmentPage({ params }: { params: Promise<{ name: string }> }) {
  const { name: segment } = use(params);
  const name = safeDecode(segment);
  return (
    <div className="page">
      <p>
        <Link href="/keys" className="back-link">
          <span aria-hidden="true">← </span>All keys
        </Link>
      </p>
      <header className="page-header">
        <h1 className="page-title" data-testid="environment-title">
          Environment <span className="tag">{name}</span>
        </h1>
        <Link href={`/incidents?environment=${encodeURIComponent(name)}&status=all`} className="button button-small">
          Incidents in {name}
          <span aria-hidden="true"> →</span>
        </Link>
      </header>
      {/* useSearchParams needs a boundary, or the whole page would skip static rendering. */}
      <Suspense fallback={<UsagePanelsFallback />}>
        <UsagePanels of={{ environment: name }} subject={`every key in ${name}`} chartTestId="environment-chart" />
      </Suspense>
      <EnvironmentKeys environment={name} />
    </div>
  );
}

/** The environment's keys; the chart's range and unit own the URL, so this view is kept in the page. */
function EnvironmentKeys({ environment }: { environment: string }) {
  const [filters, setFilters] = useState<KeyFilters>({ sort: DEFAULT_KEY_SORT, page: 1, environment });
  const onChange = useCallback((change: Partial<KeyFilters>) => setFilters((current) => changeKeyFilters(current, { ...change, environment })), [environment]);
  return (
    <Panel id="keys" title={`Keys in ${environment}`}>
      <KeyListView filters={filters} onChange={onChange} showEnvironment={false} />
    </Panel>
  );
}

// Segments may arrive percent-encoded; a name with a literal "%" must not throw.
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
