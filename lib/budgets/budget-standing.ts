import { addDays, isoDate, localDateAt, monthPeriod, monthPeriodAt, startOfLocalDay } from '@/lib/detect/budget/budget-period';
import type { LocalDate, MonthPeriod } from '@/lib/detect/budget/budget-period';
import type { DailySpend } from '@/lib/detect/budget/forecast';

// Where a budget stands, from its spend per local day. Pure: `now` is an argument and the
// days come from lib/budgets/budget-spend.ts. One window of days serves month-to-date, the
// forecast's recent days and the monthly history, so a budget costs one range of one query.

/** The forecast reads the 7 complete local days before today. */
export const RECENT_DAYS = 7;

export interface SpendWindow {
  /** The month containing `now` in the budget's zone. */
  period: MonthPeriod;
  /** `months` calendar months, oldest first, ending with `period`. */
  months: MonthPeriod[];
  today: LocalDate;
  /** [fromMs, toMs): the start of the oldest month or of the first recent day, to `now`. */
  fromMs: number;
  toMs: number;
}

export function spendWindow(now: number, timezone: string, months = 1): SpendWindow {
  const period = monthPeriodAt(now, timezone);
  const today = localDateAt(now, timezone);
  const list: MonthPeriod[] = [];
  for (let back = months - 1; back >= 0; back--) {
    const index = period.year * 12 + (period.month - 1) - back;
    list.push(monthPeriod(Math.floor(index / 12), (index % 12) + 1, timezone));
  }
  const recentStart = startOfLocalDay(addDays(today, -RECENT_DAYS), timezone);
  return { period, months: list, today, fromMs: Math.min(list[0]!.startMs, recentStart), toMs: now };
}

/** Every local date from `from` to `to` (inclusive), with the spend of `rows` or 0. */
export function zeroFillDays(rows: readonly DailySpend[], from: LocalDate, to: LocalDate): DailySpend[] {
  const byDate = new Map<string, number>();
  for (const r of rows) byDate.set(r.date, (byDate.get(r.date) ?? 0) + r.usd);
  const out: DailySpend[] = [];
  const last = isoDate(to);
  for (let d = from, date = isoDate(d); date <= last; d = addDays(d, 1), date = isoDate(d)) out.push({ date, usd: byDate.get(date) ?? 0 });
  return out;
}

export interface Standing {
  monthToDateUsd: number;
  /** The complete local days before today, zero-filled, oldest first. */
  recentDaily: DailySpend[];
}

/** Month-to-date and recent days from zero-filled days covering `window`. */
export function standingOf(daily: readonly DailySpend[], window: SpendWindow): Standing {
  const monthStart = `${window.period.label}-01`;
  const today = isoDate(window.today);
  const firstRecent = isoDate(addDays(window.today, -RECENT_DAYS));
  return {
    monthToDateUsd: sum(daily.filter((d) => d.date >= monthStart && d.date <= today)),
    recentDaily: daily.filter((d) => d.date >= firstRecent && d.date < today),
  };
}

/** Spend per month of `months`, from days in their zone. */
export function monthTotals(daily: readonly DailySpend[], months: readonly MonthPeriod[]): { month: string; usd: number }[] {
  return months.map((m) => ({ month: m.label, usd: sum(daily.filter((d) => d.date.startsWith(`${m.label}-`))) }));
}

export type BudgetStatus = 'ok' | 'warning' | 'over';

/** Over at 100% spent; a warning from 80% (where budget findings turn warning) or when the forecast ends over. */
export function budgetStatus(percent: number, forecastUsd: number | null, budgetUsd: number): BudgetStatus {
  if (percent >= 100) return 'over';
  if (percent >= 80 || (forecastUsd !== null && forecastUsd > budgetUsd)) return 'warning';
  return 'ok';
}

const sum = (days: readonly DailySpend[]) => days.reduce((acc, d) => acc + d.usd, 0);
