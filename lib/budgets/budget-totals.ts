import type { BudgetTotals, BudgetView } from './budget-schemas';

// Figures across budgets, computed by the server over every budget (the page shows some). Pure.

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

const cents = (x: number) => Math.round(x * 100) / 100;
