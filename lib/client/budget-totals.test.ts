import { describe, expect, it } from 'vitest';
import type { BudgetView } from '@/lib/budgets/budget-schemas';
import { budgetTotals, historyRows } from './budget-totals';

const view = (over: Partial<BudgetView>): BudgetView => ({
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

describe('budgetTotals', () => {
  it('is zero without budgets', () => {
    expect(budgetTotals([])).toEqual({ budgetUsd: 0, monthToDateUsd: 0, forecastUsd: 0, forecastLowUsd: 0, forecastHighUsd: 0, counted: 0, nested: 0, over: 0, atRisk: 0 });
  });

  it('adds key budgets in environments without a budget', () => {
    const totals = budgetTotals([view({ id: 'a' }), view({ id: 'b', environment: 'staging', monthlyUsd: 50.1, monthToDateUsd: 0.2, status: 'warning' })]);
    expect(totals).toMatchObject({ budgetUsd: 150.1, monthToDateUsd: 10.2, forecastUsd: 40, counted: 2, nested: 0, atRisk: 1, over: 0 });
  });

  it('leaves out a key budget whose environment has one, so its spend is not counted twice', () => {
    const totals = budgetTotals([
      view({ id: 'key', status: 'over' }),
      view({ id: 'env', scope: 'environment', keyId: null, subjectName: 'production', monthlyUsd: 1000, monthToDateUsd: 300, forecastUsd: 900, forecastLowUsd: 800, forecastHighUsd: 1000 }),
    ]);
    expect(totals).toEqual({ budgetUsd: 1000, monthToDateUsd: 300, forecastUsd: 900, forecastLowUsd: 800, forecastHighUsd: 1000, counted: 1, nested: 1, over: 1, atRisk: 0 });
  });
});

describe('historyRows', () => {
  it('labels the months and marks the one so far and the ones over budget', () => {
    expect(
      historyRows([
        { month: '2026-10', actualUsd: 120, budgetUsd: 100, complete: true },
        { month: '2026-11', actualUsd: 40, budgetUsd: 100, complete: false },
      ]),
    ).toEqual([
      { month: '2026-10', tick: 'Oct', label: 'October 2026', actualUsd: 120, budgetUsd: 100, complete: true, over: true },
      { month: '2026-11', tick: 'Nov', label: 'November 2026 (so far)', actualUsd: 40, budgetUsd: 100, complete: false, over: false },
    ]);
  });
});
