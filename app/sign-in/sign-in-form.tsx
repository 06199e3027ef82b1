'use client';

import { useState, type FormEvent } from 'react';
import { authClient } from '@/lib/auth/auth-client';
import { signInErrorMessage } from '@/lib/auth/sign-in-messages';

type Props = { next: string; sso: { name: string } | null; ssoError: string | null };

export function SignInForm({ next, sso, ssoError }: Props) {
  const [error, setError] = useState<string | null>(ssoError);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await authClient()
      .signIn.email({ email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') })
      .catch(() => ({ data: null, error: { status: 0 } }));
    if (result.error) {
      setError(signInErrorMessage(result.error));
      setBusy(false);
      return;
    }
    const mustChange = (result.data?.user as { mustChangePassword?: boolean } | undefined)?.mustChangePassword === true;
    // A full load, so the layout's user menu shows who signed in.
    window.location.assign(mustChange ? `/account/password?next=${encodeURIComponent(next)}` : next);
  }

  async function onSso() {
    setBusy(true);
    setError(null);
    const result = await authClient()
      .signIn.social({ provider: 'oidc', callbackURL: next, errorCallbackURL: '/sign-in' })
      .catch(() => ({ error: { status: 0 } }));
    // On success the browser is already on its way to the identity provider.
    if (result.error) {
      setError(signInErrorMessage(result.error));
      setBusy(false);
    }
  }

  return (
    <section className="auth-card" aria-labelledby="sign-in-title" data-testid="sign-in">
      <h1 id="sign-in-title" className="page-title">
        Sign in to Burnrate
      </h1>
      {error ? (
        <p className="auth-error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      ) : null}
      <form className="auth-form" onSubmit={onSubmit} data-testid="sign-in-form">
        <label className="auth-field">
          Email
          <input className="input" name="email" type="email" autoComplete="username" required data-testid="sign-in-email" />
        </label>
        <label className="auth-field">
          Password
          <input className="input" name="password" type="password" autoComplete="current-password" required data-testid="sign-in-password" />
        </label>
        <button className="button button-primary" type="submit" disabled={busy} data-testid="sign-in-submit">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {sso ? (
        <>
          <p className="auth-divider">or</p>
          <button className="button" type="button" onClick={onSso} disabled={busy} data-testid="sso-button">
            Sign in with {sso.name}
          </button>
        </>
      ) : null}
    </section>
  );
}
