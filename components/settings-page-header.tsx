import Link from 'next/link';
import type { ReactNode } from 'react';

// The top of a settings page: the way back to Settings, the title and what the page is for.
export function SettingsPageHeader({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <p>
        <Link href="/settings" className="back-link">
          <span aria-hidden="true">← </span>Settings
        </Link>
      </p>
      <header className="page-header">
        <h1 className="page-title">{title}</h1>
      </header>
      <p className="settings-intro">{children}</p>
    </>
  );
}

/** What the last action did, announced to screen readers; empty until something happened. */
export function ActionNotice({ notice, testId }: { notice: string | null; testId: string }) {
  return (
    <div aria-live="polite" className="settings-notice">
      {notice ? (
        <p className="action-done" data-testid={testId}>
          <span aria-hidden="true">✓ </span>
          {notice}
        </p>
      ) : null}
    </div>
  );
}
