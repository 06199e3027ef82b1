'use client';

import Link from 'next/link';
import { Suspense, use } from 'react';
import { HygieneFindings } from '@/components/hygiene-findings';
import { KeyHeader } from '@/components/key-header';
import { KeyIncidents } from '@/components/key-incidents';
import { KeyMetadata } from '@/components/key-metadata';
import { Panel } from '@/components/panel';
import { ErrorState, LoadingState } from '@/components/state-views';
import { ApiError } from '@/lib/client/fetch-json';
import { useKeyDetail } from '@/lib/client/use-keys';
import type { KeyDetail } from '@/lib/keys/key-schemas';
import { KeyDisableAction } from '../key-disable-action';
import { UsagePanels, UsagePanelsFallback } from '../usage-panels';
import '../keys.css';

export default function KeyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = use(params);
  const key = useKeyDetail(id);

  if (!key.data && key.error instanceof ApiError && key.error.status === 404) return <KeyNotFound message={key.error.message} />;
  if (!key.data) {
    return (
      <div className="page">
        <BackLink />
        {key.error ? (
          <ErrorState title="Could not load the key" message={key.error.message} onRetry={() => void key.refetch()} retrying={key.isFetching} />
        ) : (
          <LoadingState variant="cards" label="Loading the key…" />
        )}
      </div>
    );
  }
  return <KeyView apiKey={key.data} now={new Date(key.dataUpdatedAt)} />;
}

function KeyView({ apiKey, now }: { apiKey: KeyDetail; now: Date }) {
  return (
    <div className="page key-page">
      <BackLink />
      <KeyHeader apiKey={apiKey} />
      <DisableSection apiKey={apiKey} />
      {/* useSearchParams needs a boundary, or the whole page would skip static rendering. */}
      <Suspense fallback={<UsagePanelsFallback />}>
        <UsagePanels of={{ key: apiKey.id }} subject={`the key “${apiKey.name}”`} />
      </Suspense>
      <div className="key-columns">
        <Panel id="incidents" title="Incidents">
          <KeyIncidents keyId={apiKey.id} incidents={apiKey.incidents} now={now} />
        </Panel>
        <Panel id="hygiene" title="Hygiene">
          <HygieneFindings findings={apiKey.hygiene} layout="flat" />
        </Panel>
      </div>
      <Panel id="metadata" title="Details">
        <KeyMetadata apiKey={apiKey} now={now} />
      </Panel>
    </div>
  );
}

function DisableSection({ apiKey }: { apiKey: KeyDetail }) {
  return (
    <Panel id="disable" title="Stop this key">
      <KeyDisableAction apiKey={apiKey} />
    </Panel>
  );
}

function BackLink() {
  return (
    <p>
      <Link href="/keys" className="back-link">
        <span aria-hidden="true">← </span>All keys
      </Link>
    </p>
  );
}

function KeyNotFound({ message }: { message: string }) {
  return (
    <div className="page">
      <BackLink />
      <div className="state state-not-found" data-testid="key-not-found">
        <h1 className="page-title">Key not found</h1>
        <p className="state-detail">{message}</p>
        <Link href="/keys" className="button">
          See all keys
        </Link>
      </div>
    </div>
  );
}
