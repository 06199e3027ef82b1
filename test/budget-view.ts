import type { BudgetView } from '@/lib/budgets/budget-schemas';

/** A key budget as the API shows it, for tests of what reads one: override what matters. */
export const budgetView = (over: Partial<BudgetView> = {}): BudgetView => ({
  id: 'b',
  scope: 'key',
  keyId: 'k',
  environment: 'production',
  subjectName: 'Support chat',
  monthlyUsd: 100,
  thresholds: [50, 80, 100],
  timezone: 'UTC',
  period: '2026-11',
  periodStart: '2026-11-01T00:00:00.000Z',
  periodEnd: '2026-12-01T00:00:00.000Z',
  monthToDateUsd: 10,
  percent: 10,
  forecastUsd: 20,
  forecastLowUsd: 15,
  forecastHighUsd: 25,
  projectedCrossingAt: null,
  status: 'ok',
  history: [],
  burn: [],
  ...over,
});
