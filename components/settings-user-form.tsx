import { useId } from 'react';
import { SettingsField, SettingsFormSubmit } from '@/components/settings-field';
import { ROLES } from '@/lib/auth/roles';
import { useSettingsForm } from '@/lib/client/use-settings-form';
import { emptyUserDraft, ROLE_LABELS } from '@/lib/client/user-labels';
import type { UserDraft, UserErrors, UserField } from '@/lib/client/user-labels';

type SettingsUserFormProps = {
  saving: boolean;
  errors: UserErrors | null;
  onSubmit: (draft: UserDraft) => void;
};

/** Adds a user who signs in with a password (given once, changed at first sign-in). */
export function SettingsUserForm({ saving, errors, onSubmit }: SettingsUserFormProps) {
  const id = useId();
  const { formRef, draft, change, errorOf, submit } = useSettingsForm<UserDraft, UserField>({ initial: emptyUserDraft, errors, onSubmit });

  return (
    <form ref={formRef} className="route-form" onSubmit={submit} noValidate aria-label="Add a user" data-testid="user-form">
      <fieldset className="route-form-fields" disabled={saving}>
        <SettingsField id={`${id}-email`} field="email" label="Email" help="What they sign in with; single sign-on links to the same address." error={errorOf('email')}>
          {(control) => <input {...control} type="email" className="input route-input" value={draft.email} onChange={(e) => change('email', e.target.value)} autoComplete="off" spellCheck={false} />}
        </SettingsField>
        <SettingsField id={`${id}-name`} field="name" label="Name" help="Optional; shown in the audit log next to their email." error={errorOf('name')}>
          {(control) => <input {...control} className="input route-input" value={draft.name} onChange={(e) => change('name', e.target.value)} autoComplete="off" />}
        </SettingsField>
        <SettingsField id={`${id}-role`} field="role" label="Role" help={`${ROLE_LABELS[draft.role].title} ${ROLE_LABELS[draft.role].can}.`} error={errorOf('role')}>
          {(control) => (
            <select {...control} className="select" value={draft.role} onChange={(e) => change('role', e.target.value as UserDraft['role'])}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role].title}
                </option>
              ))}
            </select>
          )}
        </SettingsField>
      </fieldset>
      <SettingsFormSubmit error={errors?.general ?? null} saving={saving} label="Add user" savingLabel="Adding…" testId="user-submit" />
    </form>
  );
}
