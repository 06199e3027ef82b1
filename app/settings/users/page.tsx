'use client';

import { useMemo, useState } from 'react';
import { Panel } from '@/components/panel';
import { QueryView } from '@/components/query-view';
import { SecretReveal } from '@/components/secret-reveal';
import { ActionNotice, SettingsPageHeader } from '@/components/settings-page-header';
import { SettingsTable } from '@/components/settings-table';
import { SettingsUserForm } from '@/components/settings-user-form';
import { SettingsUserRow } from '@/components/settings-user-row';
import { EmptyState, LoadingState } from '@/components/state-views';
import type { UserView } from '@/lib/auth/user-schemas';
import { formatInteger } from '@/lib/client/format';
import { useAddUser, useResetPassword, useUpdateUser, useUsers } from '@/lib/client/use-users';
import { ROLE_LABELS, userErrors } from '@/lib/client/user-labels';
import '../settings.css';

type Revealed = { email: string; password: string; why: 'added' | 'reset' };

export default function UsersPage() {
  const users = useUsers();
  const add = useAddUser();
  const [notice, setNotice] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  // A one-time password lives only here until "done": never in the query cache.
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const errors = useMemo(() => (add.error ? userErrors(add.error) : null), [add.error]);
  const data = users.data;

  return (
    <div className="page settings-page">
      <SettingsPageHeader title="Users">
        Who may sign in, and with which role. Roles: {Object.values(ROLE_LABELS).map((r) => `${r.title} ${r.can}`).join('; ')}. Single sign-on users appear here after their first sign-in, as
        viewers.
      </SettingsPageHeader>
      <Panel id="add-user" title={revealed ? 'One-time password' : 'Add a user'}>
        {revealed ? (
          <SecretReveal
            title={
              <>
                {revealed.why === 'added' ? 'Added' : 'New password for'} <strong>{revealed.email}</strong>
              </>
            }
            warning="Give it to them now, by a private channel: it is shown only this once, and they must choose their own password when they first sign in with it."
            label="One-time password"
            value={revealed.password}
            help="If it is lost, reset the password again."
            onDone={() => {
              setNotice(revealed.why === 'added' ? `${revealed.email} can sign in now.` : `${revealed.email} has a new one-time password.`);
              setRevealed(null);
              add.reset();
              setFormKey((n) => n + 1);
            }}
            testIdPrefix="password"
          />
        ) : (
          <SettingsUserForm
            key={formKey}
            saving={add.isPending}
            errors={errors}
            onSubmit={(draft) => {
              setNotice(null);
              add.mutate(
                { email: draft.email.trim(), role: draft.role, ...(draft.name.trim() ? { name: draft.name.trim() } : {}) },
                { onSuccess: (answer) => setRevealed({ email: answer.user.email, password: answer.oneTimePassword, why: 'added' }) },
              );
            }}
          />
        )}
      </Panel>
      <Panel id="users" title={data ? `Users · ${formatInteger(data.users.length)}` : 'Users'}>
        <ActionNotice notice={notice} testId="users-notice" />
        <QueryView
          query={users}
          what="users"
          loading={<LoadingState variant="table" rows={2} label="Loading users…" />}
          empty={<EmptyState title="No users yet.">Add one above, or with `npx burnrate admin create`.</EmptyState>}
          isEmpty={(d) => d.users.length === 0}
        >
          {(d) => (
            <SettingsTable columns={['User', 'Role', 'Signs in with', 'Last sign-in', 'Status']} testId="users">
              {d.users.map((u) => (
                <UserItem
                  key={u.id}
                  user={u}
                  now={new Date(users.dataUpdatedAt)}
                  onNotice={setNotice}
                  onPassword={(password) => setRevealed({ email: u.email, password, why: 'reset' })}
                />
              ))}
            </SettingsTable>
          )}
        </QueryView>
      </Panel>
    </div>
  );
}

function UserItem({ user, now, onNotice, onPassword }: { user: UserView; now: Date; onNotice: (notice: string) => void; onPassword: (password: string) => void }) {
  const update = useUpdateUser(user.id);
  const reset = useResetPassword(user.id);
  const failed = update.error ?? reset.error;
  return (
    <SettingsUserRow
      user={user}
      now={now}
      busy={update.isPending || reset.isPending}
      error={failed ? failed.message : null}
      onRole={(role) => update.mutate({ role }, { onSuccess: (u) => onNotice(`${u.email} is now ${ROLE_LABELS[u.role].title.toLowerCase()}, from their next request on.`) })}
      onDisabled={(disabled) =>
        update.mutate({ disabled }, { onSuccess: (u) => onNotice(disabled ? `${u.email} is disabled and signed out everywhere.` : `${u.email} can sign in again.`) })
      }
      onResetPassword={() => reset.mutate(undefined, { onSuccess: (answer) => onPassword(answer.oneTimePassword) })}
    />
  );
}
