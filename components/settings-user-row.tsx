import { useId, useRef, useState } from 'react';
import { IncidentTime } from '@/components/incident-time';
import { InlineConfirm } from '@/components/inline-confirm';
import { ROLES } from '@/lib/auth/roles';
import type { Role } from '@/lib/auth/roles';
import type { UserView } from '@/lib/auth/user-schemas';
import { ROLE_LABELS, userState } from '@/lib/client/user-labels';

type SettingsUserRowProps = {
  user: UserView;
  now: Date;
  busy: boolean;
  error: string | null;
  onRole: (role: Role) => void;
  onDisabled: (disabled: boolean) => void;
  onResetPassword: () => void;
};

/** One user as a table row: role picker, status, and reset / disable (each confirmed) in the last cell. */
export function SettingsUserRow({ user: u, now, busy, error, onRole, onDisabled, onResetPassword }: SettingsUserRowProps) {
  const id = useId();
  const state = userState(u);
  const [confirming, setConfirming] = useState<'reset' | 'disable' | null>(null);
  const menuRef = useRef<HTMLButtonElement>(null);
  const keep = () => {
    setConfirming(null);
    menuRef.current?.focus();
  };
  return (
    <tr data-testid="user-row" data-email={u.email} data-state={state.state}>
      <th scope="row" className="key-name">
        {u.email}
        {u.name && u.name !== u.email.split('@')[0] ? <span className="muted token-by"> {u.name}</span> : null}
      </th>
      <td>
        <label className="sr-only" htmlFor={`${id}-role`}>
          Role of {u.email}
        </label>
        <select id={`${id}-role`} className="select" value={u.role} disabled={busy || u.disabled} onChange={(e) => onRole(e.target.value as Role)} data-testid="user-role-select">
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role].title}
            </option>
          ))}
        </select>
      </td>
      <td>{u.signIn.length ? u.signIn.map((s) => (s === 'sso' ? 'Single sign-on' : 'Password')).join(', ') : <span className="muted">None yet</span>}</td>
      <td>{u.lastLoginAt ? <IncidentTime iso={u.lastLoginAt} now={now} layout="stacked" /> : <span className="muted">Never</span>}</td>
      <td>
        <span className="route-health" data-state={state.state === 'disabled' ? 'disabled' : 'healthy'} data-testid="user-status">
          <span aria-hidden="true">{state.icon} </span>
          {state.label}
        </span>
        {error ? (
          <p className="field-error" role="alert" data-testid="user-error">
            {error}
          </p>
        ) : null}
      </td>
      <td className="token-actions">
        {confirming ? (
          <InlineConfirm
            id={`${id}-confirm`}
            testId={confirming === 'reset' ? 'user-reset-confirm' : 'user-disable-confirm'}
            confirmLabel={confirming === 'reset' ? 'Reset password' : 'Disable user'}
            onConfirm={() => {
              setConfirming(null);
              if (confirming === 'reset') onResetPassword();
              else onDisabled(true);
            }}
            onKeep={keep}
          >
            {confirming === 'reset'
              ? `${u.email} is signed out everywhere and gets a one-time password, shown here once.`
              : `${u.email} is signed out everywhere and cannot sign in until enabled again.`}
          </InlineConfirm>
        ) : u.disabled ? (
          <button type="button" className="button button-small" disabled={busy} onClick={() => onDisabled(false)} data-testid="user-enable">
            Enable
          </button>
        ) : (
          <span className="user-actions">
            <button ref={menuRef} type="button" className="button button-small" disabled={busy} onClick={() => setConfirming('reset')} data-testid="user-reset">
              Reset password
            </button>
            <button type="button" className="button button-small button-danger" disabled={busy} onClick={() => setConfirming('disable')} data-testid="user-disable">
              Disable
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}
