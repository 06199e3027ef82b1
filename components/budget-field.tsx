import type { ReactNode } from 'react';
import type { BudgetField as Field } from '@/lib/client/budget-draft';

/** What a control needs to be tied to its label, help and error. */
export type BudgetControlProps = { id: string; 'aria-describedby': string | undefined; 'aria-invalid': true | undefined };

type BudgetFieldProps = {
  id: string;
  field: Field;
  label: string;
  help?: ReactNode;
  /** The server's message about this field, if it refused the last save. */
  error?: string;
  children: (control: BudgetControlProps) => ReactNode;
};

/** One labelled control with, under it, what is wrong with it and a help line. */
export function BudgetField({ id, field, label, help, error, children }: BudgetFieldProps) {
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, help ? helpId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="budget-field" data-field={field}>
      <label className="filter-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {error ? (
        <p id={errorId} className="budget-field-error" data-testid={`budget-field-error-${field}`}>
          <span aria-hidden="true">⚠ </span>
          {error.charAt(0).toUpperCase() + error.slice(1)}
        </p>
      ) : null}
      {help ? (
        <p id={helpId} className="budget-field-help">
          {help}
        </p>
      ) : null}
    </div>
  );
}
