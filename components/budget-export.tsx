import { useId } from 'react';
import { exportHref } from '@/lib/client/budget-month';

type BudgetExportProps = {
  month: string;
  /** The latest month that can be picked: the current one. */
  maxMonth: string;
  onMonthChange: (month: string) => void;
};

/** A month picker and a plain link that downloads that month's budgets as CSV. */
export function BudgetExport({ month, maxMonth, onMonthChange }: BudgetExportProps) {
  const id = useId();
  return (
    <div className="budget-export" role="group" aria-label="Export a month">
      <label className="filter-label" htmlFor={id}>
        Month
      </label>
      <input id={id} type="month" className="input budget-month-input" value={month} max={maxMonth} onChange={(e) => onMonthChange(e.target.value)} data-testid="budget-export-month" />
      <a className="button" href={exportHref(month)} download data-testid="budget-export-link">
        Export month (CSV)
      </a>
    </div>
  );
}
