import { isoDate } from '@/lib/detect/budget/budget-period';
import type { MonthPeriod } from '@/lib/detect/budget/budget-period';
import type { DailySpend } from '@/lib/detect/budget/forecast';

// A budget's month day by day, for its burn chart. Pure: the days come from
// lib/budgets/budget-spend.ts and the projection from the forecast.

export interface BurnDay {
  /** Local date in the budget's zone, `YYYY-MM-DD`. */
  date: string;
  /** Spend from the 1st to the end of this day (today: to now); null after today. */
  actualUsd: number | null;
  /** Projected spend by the end of this day; null before today. Today carries spend so far,
   * so the forecast line starts where spend stands. */
  forecastUsd: number | null;
}

/**
 * Every day of `period`: cumulative spend up to `today` from `daily` (zero-filled days in the
 * budget's zone), then the forecast's cumulative path (`SpendForecast.cumulative`) to month end.
 */
export function budgetBurn(daily: readonly DailySpend[], period: MonthPeriod, today: string, projected: readonly DailySpend[]): BurnDay[] {
  const spent = new Map<string, number>();
  for (const d of daily) spent.set(d.date, (spent.get(d.date) ?? 0) + d.usd);
  const ahead = new Map(projected.map((d) => [d.date, d.usd]));
  const out: BurnDay[] = [];
  let running = 0;
  for (let day = 1; day <= period.days; day++) {
    const date = isoDate({ year: period.year, month: period.month, day });
    if (date > today) {
      out.push({ date, actualUsd: null, forecastUsd: ahead.get(date) ?? null });
      continue;
    }
    running += spent.get(date) ?? 0;
    out.push({ date, actualUsd: running, forecastUsd: date === today ? running : null });
  }
  return out;
}
