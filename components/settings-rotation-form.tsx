import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { SettingsField } from '@/components/settings-field';
import type { RotationPolicy } from '@/lib/environments/environment-schemas';

type SettingsRotationFormProps = {
  policy: RotationPolicy;
  saving: boolean;
  /** The server's refusal, or null. */
  error: string | null;
  saved: boolean;
  onSubmit: (days: number) => void;
};

/** The key-rotation policy: how old a key may get before key hygiene flags it. */
export function SettingsRotationForm({ policy, saving, error, saved, onSubmit }: SettingsRotationFormProps) {
  const id = useId();
  const [text, setText] = useState(String(policy.rotationDays));
  const [local, setLocal] = useState<string | null>(null);
  const shown = local ?? error;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const days = Number(text.trim());
    const problem = !/^\d+$/.test(text.trim()) ? 'enter a whole number of days, such as 90' : days < 1 || days > 3650 ? 'use between 1 and 3650 days' : null;
    setLocal(problem);
    if (!problem) onSubmit(days);
  };

  return (
    <form className="route-form" onSubmit={submit} noValidate aria-label="Key rotation policy" data-testid="rotation-form">
      <fieldset className="route-form-fields" disabled={saving}>
        <SettingsField
          id={`${id}-days`}
          field="rotationDays"
          label="Rotate keys after (days)"
          help={`Key hygiene flags active keys older than this. ${policy.isDefault ? `Not set: the default of ${policy.defaultDays} days applies.` : `The default is ${policy.defaultDays}.`}`}
          error={shown ?? undefined}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={1}
              max={3650}
              className="input rotation-input"
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setLocal(null);
              }}
              data-testid="rotation-days"
            />
          )}
        </SettingsField>
      </fieldset>
      <div aria-live="polite">
        {saved && !saving && !shown ? (
          <p className="action-done" data-testid="rotation-saved">
            <span aria-hidden="true">✓ </span>Saved: keys older than {policy.rotationDays} days are flagged.
          </p>
        ) : null}
      </div>
      <div className="route-form-buttons">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="rotation-save">
          {saving ? 'Saving…' : 'Save policy'}
        </button>
      </div>
    </form>
  );
}
