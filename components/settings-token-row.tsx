import { useId, useRef, useState } from 'react';
import { IncidentTime } from '@/components/incident-time';
import { InlineConfirm } from '@/components/inline-confirm';
import { tokenState } from '@/lib/client/ingest-token-draft';
import type { IngestTokenView } from '@/lib/ingest/ingest-token-schemas';

type SettingsTokenRowProps = {
  token: IngestTokenView;
  now: Date;
  revoking: boolean;
  error: string | null;
  onRevoke: () => void;
};

/** One ingest token as a table row, with revoke (and its confirmation) in the last cell. */
export function SettingsTokenRow({ token: t, now, revoking, error, onRevoke }: SettingsTokenRowProps) {
  const id = useId();
  const state = tokenState(t);
  const [confirming, setConfirming] = useState(false);
  const revokeRef = useRef<HTMLButtonElement>(null);
  return (
    <tr data-testid="token-row" data-token-name={t.name} data-state={state.state}>
      <th scope="row" className="key-name">
        {t.name}
      </th>
      <td>
        <code data-testid="token-hint">{t.hint}</code>
      </td>
      <td>{t.environment ?? <span className="muted">None</span>}</td>
      <td>{t.lastUsedAt ? <IncidentTime iso={t.lastUsedAt} now={now} layout="stacked" /> : <span className="muted">Never</span>}</td>
      <td>
        <IncidentTime iso={t.createdAt} now={now} layout="stacked" />
        {t.createdBy ? <span className="muted token-by"> by {t.createdBy}</span> : null}
      </td>
      <td>
        <span className="route-health" data-state={state.state === 'active' ? 'healthy' : 'disabled'} data-testid="token-status">
          <span aria-hidden="true">{state.icon} </span>
          {state.label}
        </span>
        {t.revokedAt ? (
          <span className="route-health-detail">
            <IncidentTime iso={t.revokedAt} now={now} />
          </span>
        ) : null}
      </td>
      <td className="token-actions">
        {t.revokedAt ? null : confirming ? (
          <InlineConfirm
            id={`${id}-confirm`}
            testId="token-revoke-confirm"
            confirmLabel="Revoke token"
            onConfirm={() => {
              setConfirming(false);
              onRevoke();
            }}
            onKeep={() => {
              setConfirming(false);
              revokeRef.current?.focus();
            }}
          >
            Revoke <strong>{t.name}</strong>? Senders using it are refused at once; this cannot be undone.
          </InlineConfirm>
        ) : (
          <button ref={revokeRef} type="button" className="button route-delete" onClick={() => setConfirming(true)} disabled={revoking} data-testid="token-revoke">
            {revoking ? 'Revoking…' : 'Revoke'}
          </button>
        )}
        {error ? (
          <p className="action-error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
