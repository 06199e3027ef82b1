import { StatCard } from '@/components/stat-card';
import { formatShare } from '@/lib/client/budget-labels';
import type { BudgetTotals } from '@/lib/budgets/budget-schemas';
import { formatInteger, formatUsd } from '@/lib/client/format';

type BudgetSummaryProps = { totals: BudgetTotals };

/** This month across budgets: what is budgeted, spent so far and forecast, and how many are in trouble. */
export function BudgetSummary({ totals }: BudgetSummaryProps) {
  const share = totals.budgetUsd > 0 ? (totals.monthToDateUsd / totals.budgetUsd) * 100 : 0;
  const gap = totals.forecastUsd - totals.budgetUsd;
  const nested = totals.nested > 0 ? ` (${formatInteger(totals.nested)} key budget${totals.nested === 1 ? '' : 's'} inside a budgeted environment not added again)` : '';
  return (
    <dl className="stat-grid" data-testid="budget-summary">
      <StatCard label="Budgeted this month" value={formatUsd(totals.budgetUsd)} detail={`${formatInteger(totals.counted)} budget${totals.counted === 1 ? '' : 's'}${nested}`} testId="budget-total" />
      <StatCard label="Spent so far" value={formatUsd(totals.monthToDateUsd)} detail={`${formatShare(share)} of the budgeted total`} testId="budget-total-mtd" />
      <StatCard
        label="Forecast this month"
        tone={gap > 0 ? 'bad' : 'neutral'}
        value={formatUsd(totals.forecastUsd)}
        detail={`${gap > 0 ? `${formatUsd(gap)} over` : `${formatUsd(-gap)} under`} budget · likely ${formatUsd(totals.forecastLowUsd)}–${formatUsd(totals.forecastHighUsd)}`}
        testId="budget-total-forecast"
      />
      <StatCard
        label="Needs attention"
        tone={totals.over + totals.atRisk > 0 ? 'bad' : 'good'}
        value={totals.over + totals.atRisk === 0 ? 'None' : `${formatInteger(totals.over + totals.atRisk)}`}
        detail={`${formatInteger(totals.over)} over budget · ${formatInteger(totals.atRisk)} at risk`}
        testId="budget-attention"
      />
    </dl>
  );
}
