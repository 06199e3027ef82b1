'use client';

import { useState, type FormEvent } from 'react';
import { authClient } from '@/lib/auth/auth-client';
import { passwordProblem } from '@/lib/auth/password-rules';
import { changePasswordErrorMessage } from '@/lib/auth/sign-in-messages';

type Props = { email: string; forced: boolean; next: string };

export function PasswordForm({ email, forced, next }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const currentPassword = String(form.get('current') ?? '');
    const newPassword = String(form.get('new') ?? '');
    const problem = passwordProblem(newPassword) ?? (newPassword !== form.get('confirm') ? 'The two new passwords differ' : null);
    if (problem) return setError(`${problem}.`);
    setBusy(true);
    setError(null);
    // Other browsers signed in as this user are signed out: the old password may be known.
    const result = await authClient()
      .changePassword({ currentPassword, newPassword, revokeOtherSessions: true })
      .catch(() => ({ error: { status: 0 } }));
    setBusy(false);
    if (result.error) return setError(changePasswordErrorMessage(result.error));
    setDone(true);
    if (forced) window.location.assign(next);
  }

  return (
    <section className="auth-card" aria-labelledby="password-title" data-testid="change-password">
      <h1 id="password-title" className="page-title">
        {forced ? 'Choose your password' : 'Change password'}
      </h1>
      {forced ? (
        <p className="auth-notice" data-testid="password-forced">
          You signed in as {email} with a one-time password. Choose your own before you go on.
        </p>
      ) : (
        <p className="muted">Signed in as {email}.</p>
      )}
      {error ? (
        <p className="auth-error" role="alert" data-testid="password-error">
          {error}
        </p>
      ) : null}
      {done ? (
        <p className="auth-notice" role="status" data-testid="password-changed">
          Your password is changed. Other browsers signed in as you were signed out.
        </p>
      ) : null}
      <form className="auth-form" onSubmit={onSubmit}>
        <label className="auth-field">
          Current password
          <input className="input" name="current" type="password" autoComplete="current-password" required data-testid="password-current" />
        </label>
        <label className="auth-field">
          New password (at least 12 characters)
          <input className="input" name="new" type="password" autoComplete="new-password" required minLength={12} data-testid="password-new" />
        </label>
        <label className="auth-field">
          New password again
          <input className="input" name="confirm" type="password" autoComplete="new-password" required data-testid="password-confirm" />
        </label>
        <button className="button button-primary" type="submit" disabled={busy} data-testid="password-submit">
          {busy ? 'Saving…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}
