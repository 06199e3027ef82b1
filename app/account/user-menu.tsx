'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { authClient } from '@/lib/auth/auth-client';

type Props = { email: string; role: string };

// Who is signed in, with their role, and the way out. Rendered by app/layout.tsx.
export function UserMenu({ email, role }: Props) {
  const [busy, setBusy] = useState(false);
  const router = useRouter();

  async function signOut() {
    setBusy(true);
    await authClient()
      .signOut()
      .catch(() => undefined);
    // The session cookie is gone (or the session was already over): start from sign-in, and
    // refresh so the layout drops this menu.
    router.replace('/sign-in');
    router.refresh();
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
