import { describe, expect, it } from 'vitest';
import type { DailySpend } from '@/lib/detect/budget/forecast';
import { budgetStatus, monthTotals, spendWindow, standingOf, zeroFillDays } from './budget-standing';

// Each case names its zone; the process runs in UTC.
const iso = (ms: number) => new Date(ms).toISOString();

describe('spendWindow', () => {
  it.each([
    // zone, now, months, from, period
    // Berlin, 16 Nov 14:00 local: the month from 1 Nov 00:00 CET; 7 recent days are inside it.
    ['Europe/Berlin', '2026-11-16T13:00:00Z', 1, '2026-10-31T23:00:00.000Z', '2026-11'],
    // On the 3rd the recent days reach back into October (CEST then).
    ['Europe/Berlin', '2026-11-03T10:00:00Z', 1, '2026-10-26T23:00:00.000Z', '2026-11'],
    // Six months back from November: from 1 June 00:00 CEST.
    ['Europe/Berlin', '2026-11-16T13:00:00Z', 6, '2026-05-31T22:00:00.000Z', '2026-11'],
    // New York's 1 January 2026 has not begun at 04:30Z: still December.
    ['America/New_York', '2026-01-01T04:30:00Z', 1, '2025-12-01T05:00:00.000Z', '2025-12'],
  ])('%s at %s over %i month(s) reads from %s in %s', (zone, now, months, from, period) => {
    const w = spendWindow(Date.parse(now), zone, months);
    expect([iso(w.fromMs), w.period.label, w.months.length, w.months.at(-1)?.label]).toEqual([from, period, months, period]);
    expect(w.toMs).toBe(Date.parse(now));
  });

  it('lists months across a year end, oldest first', () => {
    expect(spendWindow(Date.parse('2026-02-10T00:00:00Z'), 'UTC', 4).months.map((m) => m.label)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('zeroFillDays', () => {
  it('fills every missing day with 0 and adds repeated dates', () => {
    const rows: DailySpend[] = [
      { date: '2024-02-28', usd: 2 },
      { date: '2024-03-01', usd: 1 },
      { date: '2024-03-01', usd: 0.5 },
    ];
    expect(zeroFillDays(rows, { year: 2024, month: 2, day: 27 }, { year: 2024, month: 3, day: 2 })).toEqual([
      { date: '2024-02-27', usd: 0 },
      { date: '2024-02-28', usd: 2 },
      { date: '2024-02-29', usd: 0 },
      { date: '2024-03-01', usd: 1.5 },
      { date: '2024-03-02', usd: 0 },
    ]);
  });

  it('gives one day for a range of one day, none for an empty range', () => {
    expect(zeroFillDays([], { year: 2026, month: 1, day: 1 }, { year: 2026, month: 1, day: 1 })).toEqual([{ date: '2026-01-01', usd: 0 }]);
    expect(zeroFillDays([], { year: 2026, month: 1, day: 2 }, { year: 2026, month: 1, day: 1 })).toEqual([]);
  });
});

describe('standingOf and monthTotals', () => {
  // UTC, 3 November: month-to-date is the 1st to today; recent days are 27 Oct to 2 Nov.
  const window = spendWindow(Date.parse('2026-11-03T12:00:00Z'), 'UTC', 2);
  const days = zeroFillDays(
    [
      { date: '2026-10-01', usd: 100 },
      { date: '2026-10-31', usd: 10 },
      { date: '2026-11-01', usd: 20 },
      { date: '2026-11-03', usd: 5 },
    ],
    { year: 2026, month: 10, day: 1 },
    { year: 2026, month: 11, day: 3 },
  );

  it('counts today in month-to-date and not in the recent days', () => {
    const s = standingOf(days, window);
    expect(s.monthToDateUsd).toBe(25);
    expect(s.recentDaily.map((d) => d.date)).toEqual(['2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    expect(s.recentDaily.map((d) => d.usd)).toEqual([0, 0, 0, 0, 10, 20, 0]);
  });

  it('sums days per month', () => {
    expect(monthTotals(days, window.months)).toEqual([
      { month: '2026-10', usd: 110 },
      { month: '2026-11', usd: 25 },
    ]);
  });
});

describe('budgetStatus', () => {
  it.each([
    [10, 50, 100, 'ok'],
    [79.99, 99, 100, 'ok'],
    [80, 90, 100, 'warning'],
    [40, 120, 100, 'warning'], // forecast over budget
    [100, 100, 100, 'over'],
    [150, null, 100, 'over'],
    [10, null, 100, 'ok'],
  ] as const)('%f%% spent, forecast %s of %f: %s', (percent, forecast, budget, status) => {
    expect(budgetStatus(percent, forecast, budget)).toBe(status);
  });
});
