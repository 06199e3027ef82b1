import { describe, expect, it } from 'vitest';
import { burnChart, dayLabel, localDateIn } from './budget-burn-rows';

const budget = {
  subjectName: 'Support chat',
  period: '2026-11',
  monthlyUsd: 300,
  monthToDateUsd: 200,
  forecastUsd: 400,
  timezone: 'America/New_York',
  // 23:30 on 27 November in New York, already the 28th in UTC.
  projectedCrossingAt: '2026-11-28T04:30:00.000Z',
  burn: [
    { date: '2026-11-26', actualUsd: 180, forecastUsd: null },
    { date: '2026-11-27', actualUsd: 200, forecastUsd: 200 },
    { date: '2026-11-28', actualUsd: null, forecastUsd: 310 },
    { date: '2026-11-29', actualUsd: null, forecastUsd: 400 },
  ],
};

describe('burnChart', () => {
  it('labels each day and puts the budget on every row', () => {
    const chart = burnChart(budget);
    expect(chart.rows[1]).toEqual({ date: '2026-11-27', label: 'Nov 27', actualUsd: 200, forecastUsd: 200, budgetUsd: 300 });
    expect(chart.rows.every((r) => r.budgetUsd === 300)).toBe(true);
    expect(chart.empty).toBe(false);
  });

  it('marks the crossing on the budget’s local day', () => {
    expect(burnChart(budget)).toMatchObject({ crossingDate: '2026-11-27', crossingLabel: 'Nov 27' });
  });

  it('describes the chart in words', () => {
    expect(burnChart(budget).summary).toBe(
      'Cumulative spend of Support chat in November 2026 against a budget of $300.00: $200.00 spent by Nov 27, forecast $400.00 by Nov 29; the forecast crosses the budget on Nov 27.',
    );
    expect(burnChart({ ...budget, projectedCrossingAt: null, forecastUsd: 290 }).summary).toMatch(/forecast \$290\.00 by Nov 29; the forecast stays under budget\.$/);
    expect(burnChart({ ...budget, monthToDateUsd: 350, projectedCrossingAt: null }).summary).toMatch(/; already over budget\.$/);
  });

  it('has no crossing mark without a crossing, or for a day outside the month', () => {
    expect(burnChart({ ...budget, projectedCrossingAt: null })).toMatchObject({ crossingDate: null, crossingLabel: null });
    expect(burnChart({ ...budget, projectedCrossingAt: '2026-12-05T00:00:00.000Z' })).toMatchObject({ crossingDate: null, crossingLabel: null });
  });

  it('is empty when nothing was spent and nothing is forecast', () => {
    const quiet = burnChart({ ...budget, monthToDateUsd: 0, forecastUsd: 0, projectedCrossingAt: null, burn: budget.burn.map((d) => ({ ...d, actualUsd: d.actualUsd === null ? null : 0, forecastUsd: d.forecastUsd === null ? null : 0 })) });
    expect(quiet.empty).toBe(true);
    expect(burnChart({ ...budget, burn: [] }).empty).toBe(true);
  });
});

describe('dayLabel and localDateIn', () => {
  it.each([
    ['2026-01-05', 'Jan 5'],
    ['2026-12-31', 'Dec 31'],
    ['soon', 'soon'],
  ])('%s reads %s', (date, label) => expect(dayLabel(date)).toBe(label));

  it('finds the local date in a zone, or null', () => {
    expect(localDateIn('2026-11-28T04:30:00.000Z', 'UTC')).toBe('2026-11-28');
    expect(localDateIn('2026-11-28T04:30:00.000Z', 'Asia/Tokyo')).toBe('2026-11-28');
    expect(localDateIn('2026-11-28T04:30:00.000Z', 'America/Los_Angeles')).toBe('2026-11-27');
    expect(localDateIn('not a date', 'UTC')).toBeNull();
    expect(localDateIn('2026-11-28T04:30:00.000Z', 'Mars/Olympus')).toBeNull();
  });
});
