'use client';

import Link from 'next/link';
import { useState } from 'react';
import { authClient } from '@/lib/auth/auth-client';

type Props = { email: string; role: string };

// Who is signed in, with their role, and the way out. Rendered by app/layout.tsx.
export function UserMenu({ email, role }: Props) {
  const [busy, setBusy] = useState(false);

  async function signOut() {
    setBusy(true);
    await authClient()
      .signOut()
      .catch(() => undefined);
    // The session cookie is gone (or the session was already over): start from sign-in with a
    // full load, so no cached data or pending query of the signed-in page survives.
    window.location.replace('/sign-in');
  }

  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-menu-email" title={email} data-testid="user-email">
        {email}
      </span>
      <span className="muted" data-testid="user-role">
        Role: {role}
      </span>
      <span className="user-menu-actions">
        <Link className="button button-small" href="/account/password">
          Password
        </Link>
        <button className="button button-small" type="button" onClick={signOut} disabled={busy} data-testid="sign-out">
          Sign out
        </button>
      </span>
    </div>
  );
}
