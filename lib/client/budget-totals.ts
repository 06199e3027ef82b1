import type { BudgetView } from '@/lib/budgets/budget-schemas';
import { monthName, monthTick } from '@/lib/client/budget-labels';

// The rows of one budget's history chart. Pure.

export type HistoryRow = {
  month: string;
  tick: string;
  label: string;
  actualUsd: number;
  budgetUsd: number;
  complete: boolean;
  over: boolean;
};

export function historyRows(history: BudgetView['history']): HistoryRow[] {
  return history.map((h) => ({
    month: h.month,
    tick: monthTick(h.month),
    label: h.complete ? monthName(h.month) : `${monthName(h.month)} (so far)`,
    actualUsd: h.actualUsd,
    budgetUsd: h.budgetUsd,
    complete: h.complete,
    over: h.actualUsd > h.budgetUsd,
  }));
}

