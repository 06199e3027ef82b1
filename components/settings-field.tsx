import type { ReactNode } from 'react';
import { sentence } from '@/lib/client/alert-route-labels';

/** What a control needs to be tied to its label, help and error. */
export type SettingsControlProps = { id: string; 'aria-describedby': string | undefined; 'aria-invalid': true | undefined };

type SettingsFieldProps = {
  id: string;
  field: string;
  label: string;
  help?: ReactNode;
  /** What is wrong with the value: the server's message, or the form's own check. */
  error?: string;
  children: (control: SettingsControlProps) => ReactNode;
};

/** One labelled control with its help line and, under the control, what is wrong with it. */
export function SettingsField({ id, field, label, help, error, children }: SettingsFieldProps) {
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, help ? helpId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="route-field" data-field={field}>
      <label className="filter-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {error ? <SettingsFieldError id={errorId} field={field} message={error} /> : null}
      {help ? (
        <p id={helpId} className="field-help">
          {help}
        </p>
      ) : null}
    </div>
  );
}

export function SettingsFieldError({ id, field, message }: { id: string; field: string; message: string }) {
  return (
    <p id={id} className="field-error" data-testid={`field-error-${field}`}>
      <span aria-hidden="true">⚠ </span>
      {sentence(message)}
    </p>
  );
}

/** A refusal that belongs to no one field. */
export function SettingsFormError({ message }: { message: string | null }) {
  return message ? (
    <p className="action-error" role="alert" data-testid="form-error">
      {sentence(message)}
    </p>
  ) : null;
}

/** The end of a create form: what the server refused in general, and the one submit button. */
export function SettingsFormSubmit({ error, saving, label, savingLabel, testId }: { error: string | null; saving: boolean; label: string; savingLabel: string; testId: string }) {
  return (
    <>
      <SettingsFormError message={error} />
      <div className="route-form-buttons">
        <button type="submit" className="button button-primary" disabled={saving} data-testid={testId}>
          {saving ? savingLabel : label}
        </button>
      </div>
    </>
  );
}
