import { describe, expect, it } from 'vitest';
import type { DailySpend } from './forecast';
import { forecastMonthEnd } from './forecast';

// UTC unless a case names a zone. June 2026 starts on a Monday; weekends are 6-7, 13-14,
// 20-21 and 27-28.

/** Daily spend for `YYYY-MM-<from>` .. `<to>`, from a function of the day of the month. */
function days(month: string, from: number, to: number, usd: (day: number) => number): DailySpend[] {
  const out: DailySpend[] = [];
  for (let d = from; d <= to; d++) out.push({ date: `${month}-${String(d).padStart(2, '0')}`, usd: usd(d) });
  return out;
}

const weekdaysOnly = (day: number) => ([6, 7].includes(((day - 1) % 7) + 1) ? 0 : 100);

describe('forecastMonthEnd', () => {
  it('projects a flat rate exactly, with no spread', () => {
    const f = forecastMonthEnd({ monthToDateUsd: 140, now: Date.parse('2026-06-15T00:00:00Z'), timezone: 'UTC', recentDaily: days('2026-06', 8, 14, () => 10) });
    expect(f.projectedUsd).toBeCloseTo(300, 9);
    expect(f.lowUsd).toBeCloseTo(300, 9);
    expect(f.highUsd).toBeCloseTo(300, 9);
    expect(f.weekdayRateUsd).toBeCloseTo(10, 9);
    expect(f.recentDays).toBe(7);
    expect(f.period.label).toBe('2026-06');
  });

  it.each([
    // budget, crossing: $10/day from $140 on the 15th reaches $250 at the end of the 25th.
    [250, '2026-06-26T00:00:00.000Z'],
    [145, '2026-06-15T12:00:00.000Z'],
    [299, '2026-06-30T21:36:00.000Z'],
    // Not within the month, or already crossed.
    [400, null],
    [140, null],
    [0, null],
  ])('with a $%i budget crosses at %s', (budgetUsd, crossing) => {
    const f = forecastMonthEnd({ monthToDateUsd: 140, now: Date.parse('2026-06-15T00:00:00Z'), timezone: 'UTC', recentDaily: days('2026-06', 8, 14, () => 10), budgetUsd });
    expect(f.crossesAt === null ? null : new Date(f.crossesAt).toISOString()).toBe(crossing);
  });

  it('projects weekday-only spend per weekday, not as a flat average', () => {
    // Monday 15 June: two whole weeks ($1000) spent; 12 weekdays left at $100.
    const f = forecastMonthEnd({
      monthToDateUsd: 1000,
      now: Date.parse('2026-06-15T00:00:00Z'),
      timezone: 'UTC',
      recentDaily: days('2026-06', 8, 14, weekdaysOnly),
      budgetUsd: 1500,
    });
    expect(f.projectedUsd).toBeCloseTo(2200, 6);
    expect(f.weekdayRateUsd).toBeCloseTo(100, 6);
    expect(f.weekendRateUsd).toBeCloseTo(0, 6);
    // Five more weekdays: the end of Friday 19 June.
    expect(new Date(f.crossesAt ?? 0).toISOString()).toBe('2026-06-20T00:00:00.000Z');
  });

  it('treats one expensive Saturday as noise, not as a weekend pattern', () => {
    const recentDaily = days('2026-06', 8, 14, (d) => (d === 13 ? 100 : 10));
    const f = forecastMonthEnd({ monthToDateUsd: 230, now: Date.parse('2026-06-15T00:00:00Z'), timezone: 'UTC', recentDaily });
    expect(f.weekdayRateUsd).toBe(f.weekendRateUsd);
    expect(f.weekdayRateUsd).toBeLessThan(12);
    expect(f.highUsd).toBeGreaterThan(f.projectedUsd);
  });

  it('follows increasing spend above the month-to-date average, within its range', () => {
    // Day d costs $d: $210 by the 21st, $465 in truth, $315 by the naive average.
    const f = forecastMonthEnd({ monthToDateUsd: 210, now: Date.parse('2026-06-21T00:00:00Z'), timezone: 'UTC', recentDaily: days('2026-06', 14, 20, (d) => d) });
    expect(f.projectedUsd).toBeCloseTo(210 + 10 * (0.7 * 17 + 0.3 * 10.5), 6);
    expect(f.projectedUsd).toBeGreaterThan(315);
    expect(f.projectedUsd).toBeLessThan(465);
    expect(f.lowUsd).toBeLessThanOrEqual(315);
    expect(f.highUsd).toBeGreaterThan(f.projectedUsd);
  });

  it('leans on last month at the start of a month', () => {
    const f = forecastMonthEnd({ monthToDateUsd: 0.5, now: Date.parse('2026-06-01T00:30:00Z'), timezone: 'UTC', recentDaily: days('2026-05', 25, 31, () => 20) });
    expect(f.projectedUsd).toBeCloseTo(600, 0);
  });

  it('falls back to the month-to-date average, with a wide range, when recent days are unknown', () => {
    const f = forecastMonthEnd({ monthToDateUsd: 100, now: Date.parse('2026-06-11T00:00:00Z'), timezone: 'UTC', recentDaily: [] });
    expect(f.projectedUsd).toBeCloseTo(300, 9);
    expect(f.recentDays).toBe(0);
    expect(f.lowUsd).toBeLessThan(250);
    expect(f.highUsd).toBeGreaterThan(350);
  });

  it('sums repeated dates and uses only the 7 days before today', () => {
    const recentDaily = [...days('2026-06', 8, 14, () => 5), ...days('2026-06', 8, 14, () => 5), ...days('2026-06', 1, 7, () => 1000)];
    const f = forecastMonthEnd({ monthToDateUsd: 140, now: Date.parse('2026-06-15T00:00:00Z'), timezone: 'UTC', recentDaily });
    expect(f.weekdayRateUsd).toBeCloseTo(10, 9);
  });

  it('counts the hour Europe/Berlin loses in March', () => {
    // $1 an hour: local midnight starting 16 March, 15 days spent; 383 real hours remain.
    const f = forecastMonthEnd({
      monthToDateUsd: 360,
      now: Date.parse('2026-03-15T23:00:00Z'),
      timezone: 'Europe/Berlin',
      recentDaily: days('2026-03', 9, 15, () => 24),
      budgetUsd: 743,
    });
    expect(f.projectedUsd).toBeCloseTo(743, 6);
    expect(new Date(f.crossesAt ?? 0).toISOString()).toBe('2026-03-31T22:00:00.000Z');
  });

  it('gives the projected spend at the end of each remaining day, ending on the projection', () => {
    // Noon on the 28th: half of today and two more days at $10.
    const f = forecastMonthEnd({ monthToDateUsd: 275, now: Date.parse('2026-06-28T12:00:00Z'), timezone: 'UTC', recentDaily: days('2026-06', 21, 27, () => 10) });
    expect(f.cumulative.map((d) => d.date)).toEqual(['2026-06-28', '2026-06-29', '2026-06-30']);
    expect(f.cumulative.map((d) => d.usd)).toEqual([expect.closeTo(280, 6), expect.closeTo(290, 6), expect.closeTo(300, 6)]);
    expect(f.cumulative.at(-1)!.usd).toBeCloseTo(f.projectedUsd, 9);
  });

  it('names the local days of the path in the budget’s zone, weekends at their own rate', () => {
    // Weekday-only spend, Friday 26 June at 20:00 in New York (00:00 UTC Saturday).
    const f = forecastMonthEnd({ monthToDateUsd: 1000, now: Date.parse('2026-06-27T00:00:00Z'), timezone: 'America/New_York', recentDaily: days('2026-06', 19, 25, weekdaysOnly) });
    expect(f.cumulative.map((d) => d.date)).toEqual(['2026-06-26', '2026-06-27', '2026-06-28', '2026-06-29', '2026-06-30']);
    const usd = f.cumulative.map((d) => d.usd);
    expect(usd[1]).toBeCloseTo(usd[0]!, 9); // Saturday and Sunday add nothing
    expect(usd[2]).toBeCloseTo(usd[0]!, 9);
    expect(usd[3]! - usd[2]!).toBeCloseTo(f.weekdayRateUsd, 6);
    expect(f.weekdayRateUsd).toBeGreaterThan(50);
  });

  it('has no path once the month has ended', () => {
    const f = forecastMonthEnd({ monthToDateUsd: 300, now: Date.parse('2026-07-01T00:00:00Z') - 1, timezone: 'UTC', recentDaily: days('2026-06', 23, 29, () => 10) });
    expect(f.cumulative).toHaveLength(1);
    expect(f.cumulative[0]!.date).toBe('2026-06-30');
  });
});
