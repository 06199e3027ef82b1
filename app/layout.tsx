import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { NavLink } from '@/components/nav-link';
import { readSession } from '@/lib/auth/session';
import { UserMenu } from './account/user-menu';
import './account/account.css';
import { Providers } from './providers';
import './globals.css';

const NAV = [
  ['/', 'Overview'],
  ['/incidents', 'Incidents'],
  ['/keys', 'Keys'],
  ['/hygiene', 'Hygiene'],
  ['/settings/alerts', 'Settings'],
  ['/budgets', 'Budgets'],
] as const;

export const metadata: Metadata = {
  title: 'Burnrate',
  description: 'Watches LLM API keys for usage anomalies and budget overruns.',
};

export default async function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  // The sign-in page has no session; a database outage must not take the sign-in page down.
  const session = await readSession(await headers()).catch(() => null);
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Providers>
          <div className="shell">
            <header className="sidebar">
              <p className="brand">
                <span className="brand-mark" aria-hidden="true" />
                Burnrate
              </p>
              {/* Signed out, the only page is sign-in: links to pages it cannot open would only bounce back. */}
              {session ? (
                <>
                  <nav aria-label="Main">
                    <ul className="nav-list">
                      {NAV.map(([href, label]) => (
                        <li key={href}>
                          <NavLink href={href}>{label}</NavLink>
                        </li>
                      ))}
                    </ul>
                  </nav>
                  <UserMenu email={session.user.email} role={session.user.role} />
                </>
              ) : null}
            </header>
            <main id="main" className="main" tabIndex={-1}>
              {children}
            </main>
          </div>
        </Providers>
      </body>
    </html>
  );
}
