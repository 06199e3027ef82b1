'use client';

import { useMemo, useState } from 'react';
import { SettingsPageHeader, ActionNotice } from '@/components/settings-page-header';
import { Panel } from '@/components/panel';
import { QueryView } from '@/components/query-view';
import { SettingsConnectionCard } from '@/components/settings-connection-card';
import type { ConnectionBusy } from '@/components/settings-connection-card';
import { SettingsConnectionForm } from '@/components/settings-connection-form';
import { SettingsKeyForm } from '@/components/settings-key-form';
import { EmptyState, LoadingState } from '@/components/state-views';
import { connectionErrors, createConnectionBody, emptyConnectionDraft } from '@/lib/client/connection-draft';
import { formatInteger } from '@/lib/client/format';
import { useConnections, useCreateConnection, useDeleteConnection, useUpdateConnection } from '@/lib/client/use-connections';
import type { ConnectionView } from '@/lib/connections/connection-schemas';
import '../settings.css';

export default function ConnectionsPage() {
  const connections = useConnections();
  const [notice, setNotice] = useState<string | null>(null);
  const data = connections.data;

  return (
    <div className="page settings-page">
      <SettingsPageHeader title="Provider connections">
        The OpenAI and Anthropic organizations Burnrate reads usage and keys from, each with an admin key. Keys are checked with the provider before they are saved, stored encrypted, and never shown again.
      </SettingsPageHeader>
      <Panel id="connections" title={data ? `Connections · ${formatInteger(data.connections.length)}` : 'Connections'}>
        <ActionNotice notice={notice} testId="connections-notice" />
        <QueryView
          query={connections}
          what="connections"
          loading={<LoadingState variant="table" rows={2} label="Loading connections…" />}
          empty={<EmptyState title="No connections yet.">Add your OpenAI or Anthropic organization below to start collecting usage.</EmptyState>}
          isEmpty={(d) => d.connections.length === 0}
        >
          {(d) => (
            <ul className="route-list" data-testid="connections">
              {d.connections.map((c) => (
                <ConnectionItem key={c.id} connection={c} now={new Date(connections.dataUpdatedAt)} onNotice={setNotice} />
              ))}
            </ul>
          )}
        </QueryView>
      </Panel>
      <Panel id="add-connection" title="Add a connection">
        <AddConnection onAdded={(c) => setNotice(`Added ${c.name}. Its keys and the last 8 days of usage are loading in the background.`)} />
      </Panel>
    </div>
  );
}

function ConnectionItem({ connection: c, now, onNotice }: { connection: ConnectionView; now: Date; onNotice: (text: string) => void }) {
  const toggle = useUpdateConnection(c.id);
  const replace = useUpdateConnection(c.id);
  const remove = useDeleteConnection(c.id);
  const [replacing, setReplacing] = useState(false);
  const replaceErrors = useMemo(() => (replace.error ? connectionErrors(replace.error, false) : null), [replace.error]);
  const busy: ConnectionBusy | null = toggle.isPending ? 'toggle' : remove.isPending ? 'delete' : null;
  const error = toggle.error ? `Could not ${c.enabled ? 'disable' : 'enable'} the connection. ${toggle.error.message}` : remove.error ? `Could not delete the connection. ${remove.error.message}` : null;

  return (
    <SettingsConnectionCard
      connection={c}
      now={now}
      busy={busy}
      error={error}
      replacing={replacing}
      onToggle={() => {
        remove.reset();
        toggle.mutate({ enabled: !c.enabled }, { onSuccess: (u) => onNotice(`${u.name} is ${u.enabled ? 'enabled: collection resumes within a minute' : 'disabled: nothing is collected from it until it is enabled'}.`) });
      }}
      onReplaceKey={() => {
        replace.reset();
        setReplacing((open) => !open);
      }}
      // The card is gone once the list drops the connection, so the promise says it is done.
      onDelete={() => void remove.mutateAsync().then((r) => onNotice(`Deleted ${c.name}. Its ${formatInteger(r.keysKept)} keys keep their usage history.`), () => undefined)}
    >
      <SettingsKeyForm
        connection={c}
        saving={replace.isPending}
        errors={replaceErrors}
        onCancel={() => setReplacing(false)}
        onSubmit={(adminKey) =>
          replace.mutate(
            { adminKey },
            {
              onSuccess: (u) => {
                setReplacing(false);
                onNotice(`Replaced the admin key of ${u.name}; the provider accepted it.`);
              },
            },
          )
        }
      />
    </SettingsConnectionCard>
  );
}

function AddConnection({ onAdded }: { onAdded: (c: ConnectionView) => void }) {
  const create = useCreateConnection();
  const [added, setAdded] = useState(0);
  const [withBaseUrl, setWithBaseUrl] = useState(false);
  const errors = useMemo(() => (create.error ? connectionErrors(create.error, withBaseUrl) : null), [create.error, withBaseUrl]);
  return (
    <SettingsConnectionForm
      key={added}
      initial={emptyConnectionDraft()}
      saving={create.isPending}
      errors={errors}
      onSubmit={(draft) => {
        const body = createConnectionBody(draft);
        setWithBaseUrl(body.baseUrl !== undefined);
        create.mutate(body, {
          onSuccess: (c) => {
            setAdded((n) => n + 1);
            onAdded(c);
          },
        });
      }}
    />
  );
}
