import { describe, expect, it } from 'vitest';
import { budgetView } from '@/test/budget-view';
import { budgetTotals } from './budget-totals';

const view = budgetView;

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
