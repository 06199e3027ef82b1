import { STATUS_LABELS, statusReason } from '@/lib/client/budget-labels';
import type { BudgetView } from '@/lib/budgets/budget-schemas';

/** The budget's status as an icon and a word; the colour only repeats them. */
export function BudgetStatus({ budget }: { budget: BudgetView }) {
  const { label, icon } = STATUS_LABELS[budget.status];
  return (
    <span className="budget-status" data-status={budget.status} data-testid="budget-status" title={statusReason(budget)}>
      <span aria-hidden="true">{icon} </span>
      {label}
    </span>
  );
}
