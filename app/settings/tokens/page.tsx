'use client';

import { useMemo, useState } from 'react';
import { SettingsPageHeader, ActionNotice } from '@/components/settings-page-header';
import { Panel } from '@/components/panel';
import { QueryView } from '@/components/query-view';
import { SettingsTable } from '@/components/settings-table';
import { SettingsTokenForm } from '@/components/settings-token-form';
import { SettingsTokenReveal } from '@/components/settings-token-reveal';
import { SettingsTokenRow } from '@/components/settings-token-row';
import { EmptyState, LoadingState } from '@/components/state-views';
import { formatInteger } from '@/lib/client/format';
import { createTokenBody, tokenErrors } from '@/lib/client/ingest-token-draft';
import { useEnvironmentSettings } from '@/lib/client/use-environment-settings';
import { useCreateIngestToken, useIngestTokens, useRevokeIngestToken } from '@/lib/client/use-ingest-tokens';
import type { IngestTokenView } from '@/lib/ingest/ingest-token-schemas';
import '../settings.css';

export default function IngestTokensPage() {
  const tokens = useIngestTokens();
  const environments = useEnvironmentSettings();
  const create = useCreateIngestToken();
  const [notice, setNotice] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const errors = useMemo(() => (create.error ? tokenErrors(create.error) : null), [create.error]);
  const data = tokens.data;
  // The token lives only in the mutation's answer: "done" (or leaving the page) drops it for good.
  const created = create.data;

  return (
    <div className="page settings-page">
      <SettingsPageHeader title="Ingest tokens">
        Gateways (LiteLLM, Portkey) and OpenTelemetry exporters send per-request usage with one of these tokens. A token is shown once when it is created; Burnrate keeps only its hash.
      </SettingsPageHeader>
      <Panel id="create-token" title="Create a token">
        {created ? (
          <SettingsTokenReveal
            name={created.info.name}
            token={created.token}
            onDone={() => {
              setNotice(`Token ${created.info.name} (${created.info.hint}) is ready.`);
              create.reset();
              setFormKey((n) => n + 1);
            }}
          />
        ) : (
          <SettingsTokenForm
            key={formKey}
            environments={environments.data?.environments.map((e) => e.name) ?? []}
            saving={create.isPending}
            errors={errors}
            onSubmit={(draft) => {
              setNotice(null);
              create.mutate(createTokenBody(draft));
            }}
          />
        )}
      </Panel>
      <Panel id="tokens" title={data ? `Tokens · ${formatInteger(data.tokens.length)}` : 'Tokens'}>
        <ActionNotice notice={notice} testId="tokens-notice" />
        <QueryView
          query={tokens}
          what="ingest tokens"
          loading={<LoadingState variant="table" rows={2} label="Loading ingest tokens…" />}
          empty={<EmptyState title="No ingest tokens yet.">Usage from provider admin APIs needs none; create one when a gateway or exporter should send events.</EmptyState>}
          isEmpty={(d) => d.tokens.length === 0}
        >
          {(d) => (
            <SettingsTable columns={['Name', 'Token', 'Environment', 'Last used', 'Created', 'Status']} testId="tokens">
              {d.tokens.map((t) => (
                <TokenItem key={t.id} token={t} now={new Date(tokens.dataUpdatedAt)} onRevoked={() => setNotice(`Revoked ${t.name}; requests with it are refused.`)} />
              ))}
            </SettingsTable>
          )}
        </QueryView>
      </Panel>
    </div>
  );
}

function TokenItem({ token, now, onRevoked }: { token: IngestTokenView; now: Date; onRevoked: () => void }) {
  const revoke = useRevokeIngestToken(token.id);
  return (
    <SettingsTokenRow
      token={token}
      now={now}
      revoking={revoke.isPending}
      error={revoke.error ? `Could not revoke the token. ${revoke.error.message}` : null}
      onRevoke={() => revoke.mutate(undefined, { onSuccess: onRevoked })}
    />
  );
}
