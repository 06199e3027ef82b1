import { useId } from 'react';
import { SettingsField, SettingsFormSubmit } from '@/components/settings-field';
import { emptyTokenDraft } from '@/lib/client/ingest-token-draft';
import type { TokenDraft, TokenErrors, TokenField } from '@/lib/client/ingest-token-draft';
import { useSettingsForm } from '@/lib/client/use-settings-form';

type SettingsTokenFormProps = {
  environments: readonly string[];
  saving: boolean;
  errors: TokenErrors | null;
  onSubmit: (draft: TokenDraft) => void;
};

/** Creates an ingest token: a name, and the environment its events count in when they do not say. */
export function SettingsTokenForm({ environments, saving, errors, onSubmit }: SettingsTokenFormProps) {
  const id = useId();
  const { formRef, draft, change, errorOf, submit } = useSettingsForm<TokenDraft, TokenField>({ initial: emptyTokenDraft, errors, onSubmit });

  return (
    <form ref={formRef} className="route-form" onSubmit={submit} noValidate aria-label="Create an ingest token" data-testid="token-form">
      <fieldset className="route-form-fields" disabled={saving}>
        <SettingsField id={`${id}-name`} field="name" label="Name" help="Letters, digits, dots, dashes or underscores, e.g. litellm-prod. Names are kept after revoking." error={errorOf('name')}>
          {(control) => <input {...control} className="input route-input" value={draft.name} onChange={(e) => change('name', e.target.value)} autoComplete="off" spellCheck={false} data-testid="token-name-input" />}
        </SettingsField>
        <SettingsField id={`${id}-env`} field="environment" label="Default environment" help="Where its events count when they name no environment." error={errorOf('environment')}>
          {(control) => (
            <select {...control} className="select" value={draft.environment} onChange={(e) => change('environment', e.target.value)} data-testid="token-environment-select">
              <option value="">None (events must name one)</option>
              {environments.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </SettingsField>
      </fieldset>
      <SettingsFormSubmit error={errors?.general ?? null} saving={saving} label="Create token" savingLabel="Creating…" testId="token-submit" />
    </form>
  );
}
