import type { ReactNode } from 'react';
import { sentence } from '@/lib/client/alert-route-labels';
import type { RouteField } from '@/lib/client/alert-route-draft';

/** What a control needs to be tied to its label, help and error. */
export type FieldControlProps = { id: string; 'aria-describedby': string | undefined; 'aria-invalid': true | undefined };

type AlertRouteFieldProps = {
  id: string;
  field: RouteField;
  label: string;
  help?: ReactNode;
  /** The server's message about this field, if it refused the last save. */
  error?: string;
  children: (control: FieldControlProps) => ReactNode;
};

/** One labelled control with its help line and, under the control, what is wrong with it. */
export function AlertRouteField({ id, field, label, help, error, children }: AlertRouteFieldProps) {
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, help ? helpId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="route-field" data-field={field}>
      <label className="filter-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {error ? <FieldError id={errorId} field={field} message={error} /> : null}
      {help ? (
        <p id={helpId} className="field-help">
          {help}
        </p>
      ) : null}
    </div>
  );
}

export function FieldError({ id, field, message }: { id: string; field: RouteField; message: string }) {
  return (
    <p id={id} className="field-error" data-testid={`field-error-${field}`}>
      <span aria-hidden="true">⚠ </span>
      {sentence(message)}
    </p>
  );
}
