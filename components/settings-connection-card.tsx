import { useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { IncidentTime } from '@/components/incident-time';
import { InlineConfirm } from '@/components/inline-confirm';
import { connectionState, describeCredential, managedBy, PROVIDER_NAMES } from '@/lib/client/connection-draft';
import { formatInteger } from '@/lib/client/format';
import type { ConnectionView } from '@/lib/connections/connection-schemas';

export type ConnectionBusy = 'toggle' | 'delete';

type SettingsConnectionCardProps = {
  connection: ConnectionView;
  /** When the list was fetched; times are measured from it. */
  now: Date;
  busy: ConnectionBusy | null;
  /** A request that failed, in words. */
  error: string | null;
  replacing: boolean;
  onToggle: () => void;
  onReplaceKey: () => void;
  onDelete: () => void;
  /** The replace-key form, shown under the connection while open. */
  children?: ReactNode;
};

/** One provider connection: whether collecting works (and if not, the provider's words), where its key is kept, and what can be done. */
export function SettingsConnectionCard({ connection: c, now, busy, error, replacing, onToggle, onReplaceKey, onDelete, children }: SettingsConnectionCardProps) {
  const id = useId();
  const state = connectionState(c);
  const managed = managedBy(c);
  const [confirming, setConfirming] = useState(false);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const waiting = busy !== null;

  return (
    <li className="route" aria-labelledby={`${id}-name`} data-testid="connection" data-connection-name={c.name} data-enabled={String(c.enabled)} data-status={state.state}>
      <div className="route-head">
        <div className="route-title">
          <span className="route-channel">{PROVIDER_NAMES[c.provider]}</span>
          <h3 id={`${id}-name`} className="route-name" data-testid="connection-name">
            {c.name}
          </h3>
          <span className="route-health" data-state={state.state === 'ok' ? 'healthy' : state.state === 'error' ? 'failing' : state.state} data-testid="connection-status">
            <span aria-hidden="true">{state.icon} </span>
            {state.label}
          </span>
          {c.demo ? (
            <span className="route-off" data-testid="connection-demo">
              Demo
            </span>
          ) : null}
        </div>
        <div className="route-actions" role="group" aria-label={`Actions for ${c.name}`}>
          <button type="button" className="button" onClick={onToggle} disabled={waiting} data-testid="connection-toggle">
            {busy === 'toggle' ? (c.enabled ? 'Disabling…' : 'Enabling…') : c.enabled ? 'Disable' : 'Enable'}
          </button>
          {managed === null ? (
            <button type="button" className="button" onClick={onReplaceKey} disabled={waiting} aria-expanded={replacing} aria-controls={replacing ? `${id}-replace` : undefined} data-testid="connection-replace-key">
              Replace key
            </button>
          ) : null}
          <button ref={deleteRef} type="button" className="button route-delete" onClick={() => setConfirming(true)} disabled={waiting} aria-expanded={confirming} data-testid="connection-delete">
            {busy === 'delete' ? 'Deleting…' : 'Delete'}
          </button>
        </div>
      </div>

      {state.state === 'error' && c.lastError ? (
        <p className="action-error connection-error" data-testid="connection-error">
          <strong>{PROVIDER_NAMES[c.provider]} said:</strong> {c.lastError}
        </p>
      ) : null}

      <dl className="route-facts">
        <div className="route-facts-wide">
          <dt>Admin key</dt>
          <dd data-testid="connection-credential">
            <code>{describeCredential(c.credential)}</code>
          </dd>
        </div>
        <div>
          <dt>API</dt>
          <dd data-testid="connection-base-url">{c.baseUrl ? <code>{c.baseUrl}</code> : `${PROVIDER_NAMES[c.provider]} public API`}</dd>
        </div>
        <div>
          <dt>Keys</dt>
          <dd data-testid="connection-keys">{formatInteger(c.keyCount)}</dd>
        </div>
        <div>
          <dt>Last sync</dt>
          <dd data-testid="connection-last-sync">{c.lastSyncAt ? <IncidentTime iso={c.lastSyncAt} now={now} layout="stacked" /> : <span className="muted">Never</span>}</dd>
        </div>
        <div>
          <dt>Last success</dt>
          <dd data-testid="connection-last-success">{c.lastSuccessAt ? <IncidentTime iso={c.lastSuccessAt} now={now} layout="stacked" /> : <span className="muted">Never</span>}</dd>
        </div>
      </dl>
      {managed ? (
        <p className="field-help">
          {managed === 'demo' ? 'The demo sets this connection up at each start; its name and key cannot be changed here.' : 'Set up from the environment at each start: change the variable and restart to change its key.'}
        </p>
      ) : null}

      <div className="route-result" aria-live="polite">
        {error ? (
          <p className="action-error" role="alert" data-testid="connection-action-error">
            {error}
          </p>
        ) : null}
      </div>

      {confirming ? (
        <InlineConfirm
          id={`${id}-confirm`}
          testId="connection-delete-confirm"
          confirmLabel="Delete connection"
          onConfirm={() => {
            setConfirming(false);
            onDelete();
          }}
          onKeep={() => {
            setConfirming(false);
            deleteRef.current?.focus();
          }}
        >
          Delete <strong>{c.name}</strong>? Collection stops and its stored key is erased. Its {formatInteger(c.keyCount)} keys and their usage history stay.
          {managed ? ' It comes back at the next start; disabling it is usually what you want.' : ' To pause collecting instead, disable it.'}
        </InlineConfirm>
      ) : null}

      {replacing ? (
        <div id={`${id}-replace`} className="route-edit">
          {children}
        </div>
      ) : null}
    </li>
  );
}
