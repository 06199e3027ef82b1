import { describe, expect, it } from 'vitest';
import { monthPeriod } from '@/lib/detect/budget/budget-period';
import { budgetBurn } from './budget-burn';

// Calendar dates only: the zone was applied when the days were counted.
const february = monthPeriod(2028, 2, 'UTC'); // a leap year: 29 days

describe('budgetBurn', () => {
  it('adds up spend to today, then follows the projection to month end', () => {
    const burn = budgetBurn(
      [
        { date: '2028-02-01', usd: 10 },
        { date: '2028-02-02', usd: 0 },
        { date: '2028-02-03', usd: 5 },
        { date: '2028-02-03', usd: 2.5 }, // repeated dates add up
      ],
      february,
      '2028-02-03',
      [
        { date: '2028-02-03', usd: 20 },
        ...Array.from({ length: 26 }, (_, i) => ({ date: `2028-02-${String(i + 4).padStart(2, '0')}`, usd: 20 + 10 * (i + 1) })),
      ],
    );
    expect(burn).toHaveLength(29);
    expect(burn.slice(0, 5)).toEqual([
      { date: '2028-02-01', actualUsd: 10, forecastUsd: null },
      { date: '2028-02-02', actualUsd: 10, forecastUsd: null },
      // Today: spend so far on both lines, so the forecast starts where spend stands.
      { date: '2028-02-03', actualUsd: 17.5, forecastUsd: 17.5 },
      { date: '2028-02-04', actualUsd: null, forecastUsd: 30 },
      { date: '2028-02-05', actualUsd: null, forecastUsd: 40 },
    ]);
    expect(burn.at(-1)).toEqual({ date: '2028-02-29', actualUsd: null, forecastUsd: 280 });
  });

  it('ignores days outside the month and leaves a day the projection lacks empty', () => {
    const burn = budgetBurn([{ date: '2028-01-31', usd: 99 }, { date: '2028-02-01', usd: 1 }], february, '2028-02-01', [{ date: '2028-02-02', usd: 3 }]);
    expect(burn.slice(0, 3)).toEqual([
      { date: '2028-02-01', actualUsd: 1, forecastUsd: 1 },
      { date: '2028-02-02', actualUsd: null, forecastUsd: 3 },
      { date: '2028-02-03', actualUsd: null, forecastUsd: null },
    ]);
  });

  it('on the last day has spend for every day and the forecast only today', () => {
    const burn = budgetBurn([{ date: '2028-02-29', usd: 4 }], february, '2028-02-29', []);
    expect(burn.every((d) => d.actualUsd !== null)).toBe(true);
    expect(burn.filter((d) => d.forecastUsd !== null)).toEqual([{ date: '2028-02-29', actualUsd: 4, forecastUsd: 4 }]);
  });
});
