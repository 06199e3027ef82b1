import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { SettingsField, SettingsFormError } from '@/components/settings-field';
import { ADMIN_KEY_HELP, describeCredential, PROVIDER_NAMES } from '@/lib/client/connection-draft';
import type { ConnectionErrors } from '@/lib/client/connection-draft';
import type { ConnectionView } from '@/lib/connections/connection-schemas';

type SettingsKeyFormProps = {
  connection: Pick<ConnectionView, 'name' | 'provider' | 'credential'>;
  saving: boolean;
  errors: ConnectionErrors | null;
  onSubmit: (adminKey: string) => void;
  onCancel: () => void;
};

/** Replaces a connection's admin key; the new one is checked with the provider first and the old one kept if it is refused. */
export function SettingsKeyForm({ connection, saving, errors, onSubmit, onCancel }: SettingsKeyFormProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [adminKey, setAdminKey] = useState('');
  const [clearedFor, setClearedFor] = useState<ConnectionErrors | null>(null);
  const error = errors && clearedFor !== errors ? (errors.fields.adminKey ?? errors.fields.baseUrl) : undefined;

  useEffect(() => inputRef.current?.focus(), [errors]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(adminKey.trim());
  };

  return (
    <form className="route-form" onSubmit={submit} noValidate aria-label={`Replace the admin key of ${connection.name}`} data-testid="connection-key-form">
      <fieldset className="route-form-fields" disabled={saving}>
        <SettingsField id={`${id}-key`} field="adminKey" label="New admin key" help={`Now: ${describeCredential(connection.credential)}. ${ADMIN_KEY_HELP[connection.provider].help}`} error={error}>
          {(control) => (
            <input
              {...control}
              ref={inputRef}
              type="password"
              className="input route-input route-target-input"
              value={adminKey}
              onChange={(e) => {
                setAdminKey(e.target.value);
                setClearedFor(errors);
              }}
              placeholder={ADMIN_KEY_HELP[connection.provider].placeholder}
              autoComplete="off"
              spellCheck={false}
              data-testid="connection-new-key-input"
            />
          )}
        </SettingsField>
      </fieldset>
      <div aria-live="polite">
        {saving ? <p className="muted">Checking the key with {PROVIDER_NAMES[connection.provider]}…</p> : <SettingsFormError message={errors?.general ?? null} />}
      </div>
      <div className="route-form-buttons">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="connection-key-submit">
          {saving ? 'Checking…' : 'Check and replace'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
