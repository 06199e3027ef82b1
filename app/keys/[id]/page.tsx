'use client';

import Link from 'next/link';
import { Suspense, use, useState } from 'react';
import { HygieneFindings } from '@/components/hygiene-findings';
import { KeyDisableDialog } from '@/components/key-disable-dialog';
import { KeyHeader } from '@/components/key-header';
import { KeyIncidents } from '@/components/key-incidents';
import { KeyMetadata } from '@/components/key-metadata';
import { Panel } from '@/components/panel';
import { ErrorState, LoadingState } from '@/components/state-views';
import { ApiError } from '@/lib/client/fetch-json';
import { PROVIDER_LABELS } from '@/lib/client/key-labels';
import { useDisableKey, useKeyDetail } from '@/lib/client/use-keys';
import type { KeyDetail } from '@/lib/keys/key-schemas';
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
  const [open, setOpen] = useState(false);
  const disable = useDisableKey(apiKey.id);
  const provider = PROVIDER_LABELS[apiKey.provider];
  return (
    <Panel id="disable" title="Stop this key">
      <div className="key-disable" data-testid="key-disable">
        {apiKey.status === 'disabled' ? (
          <p className="action-done" data-testid="key-disabled-notice">
            <span aria-hidden="true">✓ </span>
            Disabled at {provider}
            {apiKey.disabledBy ? ` by ${apiKey.disabledBy}` : ''}. Requests made with it now fail.
          </p>
        ) : apiKey.disableBlockedReason ? (
          <p className="muted" data-testid="disable-blocked">
            {apiKey.disableBlockedReason}
          </p>
        ) : (
          <>
            <button
              type="button"
              className="button key-danger-button"
              onClick={() => {
                disable.reset();
                setOpen(true);
              }}
              data-testid="disable-button"
            >
              Disable key at {provider}
            </button>
            <p className="muted">For a leaked key: every request made with it fails from then on. You will be asked to type its name.</p>
          </>
        )}
      </div>
      <KeyDisableDialog
        open={open}
        keyName={apiKey.name}
        providerLabel={provider}
        pending={disable.isPending}
        error={disable.isError ? disable.error.message : null}
        onConfirm={(typed) => disable.mutate(typed, { onSuccess: () => setOpen(false) })}
        onClose={() => setOpen(false)}
      />
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
