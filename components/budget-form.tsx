import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { BudgetField } from '@/components/budget-field';
import { BudgetKeyPicker } from '@/components/budget-key-picker';
import type { KeyChoice } from '@/components/budget-key-picker';
import { SegmentedControl } from '@/components/segmented-control';
import type { BudgetDraft, BudgetField as Field, BudgetFieldErrors, BudgetScope } from '@/lib/client/budget-draft';

const SCOPE_OPTIONS = [
  { value: 'key' as const, label: 'One key' },
  { value: 'environment' as const, label: 'An environment' },
];
const OTHER_ZONE = '__other__';

type BudgetFormProps = {
  mode: 'create' | 'edit';
  initial: BudgetDraft;
  /** Keys matching the search; undefined while the first answer loads. */
  keyChoices: readonly KeyChoice[] | undefined;
  keySearch: string;
  onKeySearch: (q: string) => void;
  /** Why keys or environments could not be listed, if they could not. */
  choicesError: string | null;
  environments: readonly string[] | undefined;
  /** The zone select's options (the browser's zone first). */
  timezones: readonly string[];
  saving: boolean;
  /** The server's reasons for refusing the last save, placed on their fields. */
  errors: BudgetFieldErrors | null;
  onSubmit: (draft: BudgetDraft) => void;
  onCancel: () => void;
};

/**
 * Sets a budget or edits one. An edit keeps its key or environment: PUT is by subject, so a
 * new subject is a new budget. Validation is the server's; its messages land on the fields.
 */
export function BudgetForm({ mode, initial, keyChoices, keySearch, onKeySearch, choicesError, environments, timezones, saving, errors, onSubmit, onCancel }: BudgetFormProps) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState(initial);
  const [otherZone, setOtherZone] = useState(!timezones.includes(initial.timezone));
  const [cleared, setCleared] = useState<{ source: BudgetFieldErrors | null; fields: Field[] }>({ source: null, fields: [] });
  const errorOf = (field: Field) => (errors && !(cleared.source === errors && cleared.fields.includes(field)) ? errors.fields[field] : undefined);
  const subject = initial.scope === 'key' ? initial.keyName : initial.environment;

  const change = (fields: Partial<BudgetDraft>, field: Field) => {
    setDraft((d) => ({ ...d, ...fields }));
    if (errors?.fields[field]) setCleared((c) => ({ source: errors, fields: c.source === errors ? [...c.fields, field] : [field] }));
  };

  // A refused save takes the keyboard to the first field that needs fixing.
  useEffect(() => {
    if (errors) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  // The form opens on request: start in its first field.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>(mode === 'edit' ? 'input' : 'button, input')?.focus();
  }, [mode]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(draft);
  };

  return (
    <form ref={formRef} className="budget-form" onSubmit={submit} noValidate aria-label={mode === 'create' ? 'Set a budget' : `Edit the budget for ${subject}`} data-testid={mode === 'create' ? 'budget-form' : 'budget-edit-form'}>
      <fieldset className="budget-form-fields" disabled={saving}>
        {mode === 'create' ? (
          <div className="budget-field" data-field="scope">
            <span className="filter-label" aria-hidden="true">
              Budget for
            </span>
            <SegmentedControl label="Budget for" options={SCOPE_OPTIONS} value={draft.scope} onChange={(scope: BudgetScope) => change({ scope }, 'scope')} testId="budget-scope-input" />
          </div>
        ) : null}
        {mode === 'edit' ? null : draft.scope === 'key' ? (
          <BudgetKeyPicker
            id={`${id}-key`}
            choices={keyChoices}
            search={keySearch}
            onSearch={onKeySearch}
            value={{ id: draft.keyId, name: draft.keyName }}
            onChange={(key) => change({ keyId: key.id, keyName: key.name }, 'keyId')}
            error={errorOf('keyId') ?? choicesError ?? undefined}
          />
        ) : (
          <BudgetField id={`${id}-environment`} field="environment" label="Environment" help="Every key in it counts toward this budget." error={errorOf('environment') ?? choicesError ?? undefined}>
            {(control) => (
              <select {...control} className="select" value={draft.environment} onChange={(e) => change({ environment: e.target.value }, 'environment')} data-testid="budget-environment-input">
                <option value="">{environments === undefined ? 'Loading environments…' : 'Choose an environment…'}</option>
                {(environments ?? []).map((env) => (
                  <option key={env} value={env}>
                    {env}
                  </option>
                ))}
              </select>
            )}
          </BudgetField>
        )}
        <BudgetField id={`${id}-usd`} field="monthlyUsd" label="Monthly budget (USD)" help="Per calendar month in the time zone below, e.g. 500 or 1,250.50." error={errorOf('monthlyUsd')}>
          {(control) => (
            <span className="budget-money">
              <span className="budget-money-sign" aria-hidden="true">
                $
              </span>
              <input {...control} className="input budget-money-input" inputMode="decimal" autoComplete="off" value={draft.monthlyUsd} onChange={(e) => change({ monthlyUsd: e.target.value }, 'monthlyUsd')} data-testid="budget-usd-input" />
            </span>
          )}
        </BudgetField>
        <BudgetField id={`${id}-thresholds`} field="thresholds" label="Alert thresholds (% of budget)" help="Alerts go out as spend passes each one, e.g. 50, 80, 100." error={errorOf('thresholds')}>
          {(control) => <input {...control} className="input" autoComplete="off" value={draft.thresholds} onChange={(e) => change({ thresholds: e.target.value }, 'thresholds')} data-testid="budget-thresholds-input" />}
        </BudgetField>
        <BudgetField id={`${id}-timezone`} field="timezone" label="Time zone" help="Where the month begins and ends: the zone your invoices use." error={otherZone ? undefined : errorOf('timezone')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={otherZone ? OTHER_ZONE : draft.timezone}
              onChange={(e) => {
                const other = e.target.value === OTHER_ZONE;
                setOtherZone(other);
                if (!other) change({ timezone: e.target.value }, 'timezone');
              }}
              data-testid="budget-timezone-select"
            >
              {timezones.map((zone, i) => (
                <option key={zone} value={zone}>
                  {i === 0 && mode === 'create' ? `${zone} (this browser)` : zone}
                </option>
              ))}
              <option value={OTHER_ZONE}>Another zone…</option>
            </select>
          )}
        </BudgetField>
        {otherZone ? (
          <BudgetField id={`${id}-zone-name`} field="timezone" label="Zone name (IANA)" help="Such as Europe/Berlin or America/New_York." error={errorOf('timezone')}>
            {(control) => <input {...control} className="input" autoComplete="off" spellCheck={false} value={draft.timezone} onChange={(e) => change({ timezone: e.target.value }, 'timezone')} data-testid="budget-timezone-input" />}
          </BudgetField>
        ) : null}
      </fieldset>
      {errors?.general ? (
        <p className="action-error" role="alert" data-testid="budget-form-error">
          <strong>Could not save the budget.</strong> {errors.general}
        </p>
      ) : null}
      <div className="budget-form-buttons">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="budget-submit">
          {saving ? 'Saving…' : mode === 'create' ? 'Set budget' : 'Save changes'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={saving} data-testid="budget-cancel">
          Cancel
        </button>
      </div>
    </form>
  );
}
