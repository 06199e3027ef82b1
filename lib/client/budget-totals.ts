import type { BudgetView } from '@/lib/budgets/budget-schemas';
import { monthName, monthTick } from '@/lib/client/budget-labels';

// Figures across budgets and the rows of one budget's history chart. Pure.

export type BudgetTotals = {
  budgetUsd: number;
  monthToDateUsd: number;
  forecastUsd: number;
  forecastLowUsd: number;
  forecastHighUsd: number;
  /** Budgets whose figures are in the totals. */
  counted: number;
  /** Key budgets left out because their environment's budget already holds their spend. */
  nested: number;
  over: number;
  atRisk: number;
};

/**
 * Totals without counting spend twice: a key's spend is also its environment's, so a key
 * budget is left out when its environment has a budget of its own.
 */
export function budgetTotals(budgets: readonly BudgetView[]): BudgetTotals {
  const budgetedEnvironments = new Set(budgets.filter((b) => b.scope === 'environment').map((b) => b.subjectName));
  const counted = budgets.filter((b) => b.scope === 'environment' || b.environment === null || !budgetedEnvironments.has(b.environment));
  const sum = (f: (b: BudgetView) => number) => cents(counted.reduce((total, b) => total + f(b), 0));
  return {
    budgetUsd: sum((b) => b.monthlyUsd),
    monthToDateUsd: sum((b) => b.monthToDateUsd),
    forecastUsd: sum((b) => b.forecastUsd),
    forecastLowUsd: sum((b) => b.forecastLowUsd),
    forecastHighUsd: sum((b) => b.forecastHighUsd),
    counted: counted.length,
    nested: budgets.length - counted.length,
    over: budgets.filter((b) => b.status === 'over').length,
    atRisk: budgets.filter((b) => b.status === 'warning').length,
  };
}

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

const cents = (x: number) => Math.round(x * 100) / 100;
