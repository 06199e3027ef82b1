import { headers } from 'next/headers';
import { SettingsPageHeader } from '@/components/settings-page-header';
import { EmptyState } from '@/components/state-views';
import { can } from '@/lib/auth/roles';
import { readSession } from '@/lib/auth/session';
import { AuditView } from './audit-view';
import '../settings.css';

export const dynamic = 'force-dynamic';

const INTRO = 'Every change to connections, alert routes, ingest tokens, budgets, environments, users, incidents and disabled keys: who made it, when, and what it changed. Secrets appear only as their hints.';

// Admins only. The API refuses everyone else; the page says so instead of showing a refused request.
export default async function AuditPage() {
  const session = await readSession(await headers()).catch(() => null);
  const role = session?.user.role;
  return (
    <div className="page settings-page">
      <SettingsPageHeader title="Audit log">{INTRO}</SettingsPageHeader>
      {role && can(role, 'admin') ? (
        <AuditView />
      ) : (
        <div data-testid="audit-admins-only">
          <EmptyState title="Only admins can read the audit log.">
            Your role is {role ?? 'unknown'}. Ask an admin to change it (npx burnrate admin set-role) if you need the log.
          </EmptyState>
        </div>
      )}
    </div>
  );
}
