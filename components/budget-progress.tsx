import { formatShare, thresholdMarks } from '@/lib/client/budget-labels';
import { formatUsd } from '@/lib/client/format';
import type { BudgetView } from '@/lib/budgets/budget-schemas';

/** Month to date against the budget: the amount, a bar with the thresholds marked, and the share as text. */
export function BudgetProgress({ budget }: { budget: BudgetView }) {
  const marks = thresholdMarks(budget.thresholds, budget.percent).filter((m) => m.percent < 100);
  return (
    <div className="budget-progress" data-status={budget.status}>
      <span className="budget-progress-amount" data-testid="budget-mtd">
        {formatUsd(budget.monthToDateUsd)}
      </span>
      <span className="budget-progress-track" aria-hidden="true">
        <span className="budget-progress-fill" style={{ width: `${Math.min(budget.percent, 100)}%` }} />
        {marks.map((m) => (
          <span key={m.percent} className="budget-progress-tick" style={{ left: `${m.percent}%` }} />
        ))}
      </span>
      <span className="budget-progress-share" data-testid="budget-percent">
        {formatShare(budget.percent)} of {formatUsd(budget.monthlyUsd)}
      </span>
    </div>
  );
}
