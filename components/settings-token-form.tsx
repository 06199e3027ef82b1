import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { SettingsField, SettingsFormError } from '@/components/settings-field';
import { emptyTokenDraft } from '@/lib/client/ingest-token-draft';
import type { TokenDraft, TokenErrors, TokenField } from '@/lib/client/ingest-token-draft';

type SettingsTokenFormProps = {
  environments: readonly string[];
  saving: boolean;
  errors: TokenErrors | null;
  onSubmit: (draft: TokenDraft) => void;
};

/** Creates an ingest token: a name, and the environment its events count in when they do not say. */
export function SettingsTokenForm({ environments, saving, errors, onSubmit }: SettingsTokenFormProps) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState(emptyTokenDraft);
  const [cleared, setCleared] = useState<{ source: TokenErrors | null; fields: TokenField[] }>({ source: null, fields: [] });
  const errorOf = (field: TokenField) => (errors && !(cleared.source === errors && cleared.fields.includes(field)) ? errors.fields[field] : undefined);

  const change = (field: TokenField, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    if (errors?.fields[field]) setCleared((c) => ({ source: errors, fields: c.source === errors ? [...c.fields, field] : [field] }));
  };

  useEffect(() => {
    if (errors) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(draft);
  };

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
      <SettingsFormError message={errors?.general ?? null} />
      <div className="route-form-buttons">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="token-submit">
          {saving ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}
