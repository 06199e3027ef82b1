import { describe, expect, it } from 'vitest';
import { historyRows } from './budget-totals';

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
