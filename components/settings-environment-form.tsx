import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { SettingsField, SettingsFieldError, SettingsFormError } from '@/components/settings-field';
import { checkEnvironmentDraft, describeWorkingHours, environmentDraft, WEEKDAYS } from '@/lib/client/environment-draft';
import type { EnvironmentDraft, EnvironmentErrors, EnvironmentField } from '@/lib/client/environment-draft';
import { formatInteger } from '@/lib/client/format';
import type { EnvironmentSettingsView } from '@/lib/environments/environment-schemas';

type SettingsEnvironmentFormProps = {
  environment: EnvironmentSettingsView;
  /** The id of a <datalist> of time zones to suggest. */
  zonesListId: string;
  saving: boolean;
  /** The server's refusal of the last save. */
  errors: EnvironmentErrors | null;
  saved: boolean;
  onSubmit: (draft: EnvironmentDraft) => void;
};

/** One environment's time zone and working hours. Checked here first, then by the server. */
export function SettingsEnvironmentForm({ environment: env, zonesListId, saving, errors, saved, onSubmit }: SettingsEnvironmentFormProps) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState(() => environmentDraft(env));
  const [local, setLocal] = useState<EnvironmentErrors | null>(null);
  const [cleared, setCleared] = useState<{ source: EnvironmentErrors | null; fields: EnvironmentField[] }>({ source: null, fields: [] });
  const shown = local ?? errors;
  const errorOf = (field: EnvironmentField) => (shown && !(cleared.source === shown && cleared.fields.includes(field)) ? shown.fields[field] : undefined);

  const change = (field: EnvironmentField | 'hoursOn', next: Partial<EnvironmentDraft>) => {
    setDraft((d) => ({ ...d, ...next }));
    if (field !== 'hoursOn' && shown?.fields[field]) setCleared((c) => ({ source: shown, fields: c.source === shown ? [...c.fields, field] : [field] }));
  };

  useEffect(() => {
    if (shown) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [shown]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = checkEnvironmentDraft(draft);
    setLocal(problems);
    if (!problems) onSubmit(draft);
  };

  const daysError = errorOf('days');
  return (
    <form ref={formRef} className="route form-card" onSubmit={submit} noValidate aria-labelledby={`${id}-name`} data-testid="environment" data-environment-name={env.name}>
      <div className="route-head">
        <div className="route-title">
          <h3 id={`${id}-name`} className="route-name">
            {env.name}
          </h3>
          <span className="muted">{formatInteger(env.keyCount)} keys</span>
        </div>
      </div>
      <p className="field-help" data-testid="environment-summary">
        {describeWorkingHours(env.workingHours, env.timezone)}
      </p>
      <fieldset className="route-form-fields" disabled={saving}>
        <SettingsField id={`${id}-tz`} field="timezone" label="Time zone" help="An IANA name such as Europe/Berlin; working hours and budget months follow it." error={errorOf('timezone')}>
          {(control) => (
            <input {...control} className="input route-input" list={zonesListId} value={draft.timezone} onChange={(e) => change('timezone', { timezone: e.target.value })} autoComplete="off" spellCheck={false} data-testid="environment-timezone" />
          )}
        </SettingsField>
        <label className="route-enabled">
          <input type="checkbox" checked={draft.hoursOn} onChange={(e) => change('hoursOn', { hoursOn: e.target.checked })} data-testid="environment-hours-on" />
          Set working hours (usage outside them is flagged as off-hours)
        </label>
        {draft.hoursOn ? (
          <>
            <fieldset className="route-field" data-field="days" aria-describedby={daysError ? `${id}-days-error` : undefined}>
              <legend className="filter-label">Working days</legend>
              <div className="route-kind-options">
                {WEEKDAYS.map((w) => (
                  <label key={w.day} className="route-kind-option">
                    <input
                      type="checkbox"
                      checked={draft.days.includes(w.day)}
                      onChange={(e) => change('days', { days: e.target.checked ? [...draft.days, w.day] : draft.days.filter((d) => d !== w.day) })}
                      aria-invalid={daysError ? true : undefined}
                      aria-label={w.long}
                      data-testid={`environment-day-${w.day}`}
                    />
                    <span aria-hidden="true">{w.short}</span>
                  </label>
                ))}
              </div>
              {daysError ? <SettingsFieldError id={`${id}-days-error`} field="days" message={daysError} /> : null}
            </fieldset>
            <div className="hours-row">
              <SettingsField id={`${id}-start`} field="start" label="Start" error={errorOf('start')}>
                {(control) => <input {...control} type="time" className="input" value={draft.start} onChange={(e) => change('start', { start: e.target.value })} data-testid="environment-start" />}
              </SettingsField>
              <SettingsField id={`${id}-end`} field="end" label="End" help="An end before the start runs past midnight." error={errorOf('end')}>
                {(control) => <input {...control} type="time" className="input" value={draft.end} onChange={(e) => change('end', { end: e.target.value })} data-testid="environment-end" />}
              </SettingsField>
            </div>
          </>
        ) : null}
      </fieldset>
      <div aria-live="polite">
        {saved && !saving && !shown ? (
          <p className="action-done" data-testid="environment-saved">
            <span aria-hidden="true">✓ </span>Saved.
          </p>
        ) : null}
        <SettingsFormError message={shown?.general ?? null} />
      </div>
      <div className="route-form-buttons">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="environment-save">
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
