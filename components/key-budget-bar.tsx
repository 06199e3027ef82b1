import { formatBudgetShare } from '@/lib/client/key-labels';
import { formatUsd } from '@/lib/client/format';

type KeyBudgetBarProps = { percent: number | null; budgetUsd: number | null };

/** How much of the key's monthly budget is used: a bar, and the percent as text. */
export function KeyBudgetBar({ percent, budgetUsd }: KeyBudgetBarProps) {
  if (percent === null || budgetUsd === null) return <span className="muted">No budget</span>;
  const tone = percent >= 100 ? 'over' : percent >= 80 ? 'near' : 'ok';
  return (
    <span className="key-budget" data-tone={tone} data-testid="key-budget" title={`${formatBudgetShare(percent)} of ${formatUsd(budgetUsd)} this month`}>
      <span className="key-budget-track" aria-hidden="true">
        <span className="key-budget-fill" style={{ width: `${Math.min(percent, 100)}%` }} />
      </span>
      <span className="key-budget-text">
        {formatBudgetShare(percent)}
        <span className="sr-only"> of {formatUsd(budgetUsd)}</span>
      </span>
    </span>
  );
}
