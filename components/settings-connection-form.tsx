import { useId } from 'react';
import { SegmentedControl } from '@/components/segmented-control';
import { SettingsField, SettingsFormError } from '@/components/settings-field';
import { ADMIN_KEY_HELP, PROVIDER_NAMES } from '@/lib/client/connection-draft';
import type { ConnectionDraft, ConnectionErrors, ConnectionField, ConnectionProvider } from '@/lib/client/connection-draft';
import { useSettingsForm } from '@/lib/client/use-settings-form';

const PROVIDER_OPTIONS = (['openai', 'anthropic'] as const).map((value) => ({ value, label: PROVIDER_NAMES[value] }));

type SettingsConnectionFormProps = {
  initial: ConnectionDraft;
  /** The key is being checked with the provider, then saved. */
  saving: boolean;
  errors: ConnectionErrors | null;
  onSubmit: (draft: ConnectionDraft) => void;
};

/**
 * Adds a connection. The server checks the admin key with the provider before saving; a
 * refusal comes back in the provider's words under the key (or the base URL), and nothing
 * is stored. A field's message goes once that field is changed.
 */
export function SettingsConnectionForm({ initial, saving, errors, onSubmit }: SettingsConnectionFormProps) {
  const id = useId();
  const { formRef, draft, change, errorOf, submit } = useSettingsForm<ConnectionDraft, ConnectionField>({ initial, errors, onSubmit });
  const keyHelp = ADMIN_KEY_HELP[draft.provider];

  return (
    <form ref={formRef} className="route-form" onSubmit={submit} noValidate aria-label="Add a connection" data-testid="connection-form">
      <fieldset className="route-form-fields" disabled={saving}>
        <div className="route-field">
          <span className="filter-label" aria-hidden="true">
            Provider
          </span>
          <SegmentedControl label="Provider" options={PROVIDER_OPTIONS} value={draft.provider} onChange={(p: ConnectionProvider) => change('provider', p)} testId="connection-provider" />
        </div>
        <SettingsField id={`${id}-name`} field="name" label="Name" help="How the connection is listed, e.g. “OpenAI production org”." error={errorOf('name')}>
          {(control) => <input {...control} className="input route-input" value={draft.name} onChange={(e) => change('name', e.target.value)} autoComplete="off" data-testid="connection-name-input" />}
        </SettingsField>
        <SettingsField id={`${id}-key`} field="adminKey" label="Admin key" help={`${keyHelp.help} Stored encrypted; only its last four characters are ever shown.`} error={errorOf('adminKey')}>
          {(control) => (
            <input
              {...control}
              type="password"
              className="input route-input route-target-input"
              value={draft.adminKey}
              onChange={(e) => change('adminKey', e.target.value)}
              placeholder={keyHelp.placeholder}
              autoComplete="off"
              spellCheck={false}
              data-testid="connection-key-input"
            />
          )}
        </SettingsField>
        <SettingsField id={`${id}-base-url`} field="baseUrl" label="Base URL (optional)" help={`Leave empty for ${PROVIDER_NAMES[draft.provider]}’s public API; set it for a proxy or gateway in front of it.`} error={errorOf('baseUrl')}>
          {(control) => (
            <input {...control} className="input route-input route-target-input" value={draft.baseUrl} onChange={(e) => change('baseUrl', e.target.value)} placeholder="https://…" autoComplete="off" spellCheck={false} data-testid="connection-base-url-input" />
          )}
        </SettingsField>
      </fieldset>
      <div aria-live="polite">
        {saving ? (
          <p className="muted" data-testid="connection-checking">
            Checking the key with {PROVIDER_NAMES[draft.provider]}…
          </p>
        ) : (
          <SettingsFormError message={errors?.general ?? null} />
        )}
      </div>
      <div className="route-form-buttons">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="connection-submit">
          {saving ? 'Checking…' : 'Check key and add'}
        </button>
      </div>
    </form>
  );
}
