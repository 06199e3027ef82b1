import { DAY_MS, addDays, isoDate, localDateAt, monthPeriodAt, startOfLocalDay, weekdayOf } from './budget-period';
import type { LocalDate, MonthPeriod } from './budget-period';

// Burn-rate forecast of month-end spend. The daily rate going forward is mostly the recent
// one (the 7 complete local days before today: a trimmed mean, or per weekday/weekend when
// weekends clearly differ), blended with the month-to-date average, which weighs up to 30%
// once a week of the month has passed, so one odd week does not swing the forecast. The
// range spans the two rates, widened by day-to-day noise (about an 80% band).

export interface DailySpend {
  /** Local calendar date in the budget's zone, `YYYY-MM-DD`. Repeated dates add up. */
  date: string;
  usd: number;
}

export interface ForecastInput {
  monthToDateUsd: number;
  /** Epoch ms. */
  now: number;
  timezone: string;
  /** Spend per complete local day, at least the 7 before today. A missing day is unknown,
   * not zero: pass days without spend as 0. */
  recentDaily: readonly DailySpend[];
  /** When set, `crossesAt` says when spend reaches it. */
  budgetUsd?: number;
}

export interface SpendForecast {
  period: MonthPeriod;
  projectedUsd: number;
  lowUsd: number;
  highUsd: number;
  /** Epoch ms spend is projected to reach the budget; null when already there, when there is
   * no budget, or when it stays under until month end. */
  crossesAt: number | null;
  /** USD per weekday and per weekend day the projection assumes for the rest of the month. */
  weekdayRateUsd: number;
  weekendRateUsd: number;
  /** How many of the 7 recent days were known. */
  recentDays: number;
  /** Projected spend so far at the end of each local day from today to month end (today's
   * included), oldest first: the path `projectedUsd` ends on, for burn charts. */
  cumulative: DailySpend[];
}

const RECENT_DAYS = 7;
const MAX_MTD_WEIGHT = 0.3;
const Z_80 = 1.2816;

interface Segment {
  /** The local day the segment lies in, `YYYY-MM-DD`. */
  date: string;
  startMs: number;
  endMs: number;
  weekend: boolean;
}

interface Shape {
  /** Mean daily spend over a typical week. */
  level: number;
  weekdayFactor: number;
  weekendFactor: number;
  /** Robust standard deviation of one day's spend around the shape. */
  dailySd: number;
  days: number;
}

export function forecastMonthEnd(input: ForecastInput): SpendForecast {
  const { monthToDateUsd: mtd, now, timezone, budgetUsd } = input;
  const period = monthPeriodAt(now, timezone);
  const today = localDateAt(now, timezone);
  const shape = recentShape(input.recentDaily, today);
  const factor = (s: Segment) => (s.weekend ? (shape?.weekendFactor ?? 1) : (shape?.weekdayFactor ?? 1));
  const days = (s: Segment) => (s.endMs - s.startMs) / DAY_MS;

  const elapsed = segments(period.startMs, now, timezone);
  const remaining = segments(now, period.endMs, timezone);
  const elapsedDays = (now - period.startMs) / DAY_MS;
  const remainingDays = (period.endMs - now) / DAY_MS;
  // Month-to-date level, adjusted for the weekday mix so far; at least a day's worth.
  const mtdLevel = mtd / Math.max(1, sum(elapsed, (s) => factor(s) * days(s)));
  const mtdWeight = shape ? MAX_MTD_WEIGHT * Math.min(1, elapsedDays / RECENT_DAYS) : 1;
  const level = shape ? (1 - mtdWeight) * shape.level + mtdWeight * mtdLevel : mtdLevel;

  const ahead = sum(remaining, (s) => factor(s) * days(s));
  const projectedUsd = mtd + level * ahead;
  const recentAhead = (shape?.level ?? mtdLevel) * ahead;
  const mtdAhead = mtdLevel * ahead;
  const noise = Z_80 * (shape?.dailySd ?? mtdLevel) * Math.sqrt(remainingDays);
  const lowUsd = Math.min(projectedUsd, mtd + Math.max(0, Math.min(recentAhead, mtdAhead) - noise));
  const highUsd = Math.max(projectedUsd, mtd + Math.max(recentAhead, mtdAhead) + noise);

  let crossesAt: number | null = null;
  const target = budgetUsd !== undefined && budgetUsd > 0 && mtd < budgetUsd ? budgetUsd : null;
  const cumulative: DailySpend[] = [];
  let spent = mtd;
  for (const s of remaining) {
    const amount = level * factor(s) * days(s);
    if (target !== null && crossesAt === null && amount > 0 && spent + amount >= target) {
      crossesAt = Math.round(s.startMs + ((target - spent) / amount) * (s.endMs - s.startMs));
    }
    spent += amount;
    cumulative.push({ date: s.date, usd: spent });
  }

  return {
    period,
    projectedUsd,
    lowUsd,
    highUsd,
    crossesAt,
    weekdayRateUsd: level * (shape?.weekdayFactor ?? 1),
    weekendRateUsd: level * (shape?.weekendFactor ?? 1),
    recentDays: shape?.days ?? 0,
    cumulative,
  };
}

/** Splits [fromMs, toMs) at local midnights; DST days are 23 or 25 hours long. */
function segments(fromMs: number, toMs: number, timezone: string): Segment[] {
  const out: Segment[] = [];
  let date = localDateAt(fromMs, timezone);
  let start = fromMs;
  while (start < toMs) {
    const next = addDays(date, 1);
    const end = Math.min(toMs, startOfLocalDay(next, timezone));
    if (end > start) out.push({ date: isoDate(date), startMs: start, endMs: end, weekend: weekdayOf(date) >= 5 });
    start = Math.max(start, end);
    date = next;
  }
  return out;
}

function recentShape(daily: readonly DailySpend[], today: LocalDate): Shape | null {
  const byDate = new Map<string, number>();
  for (const d of daily) byDate.set(d.date, (byDate.get(d.date) ?? 0) + d.usd);
  const weekday: number[] = [];
  const weekend: number[] = [];
  for (let i = 1; i <= RECENT_DAYS; i++) {
    const date = addDays(today, -i);
    const usd = byDate.get(isoDate(date));
    if (usd !== undefined && Number.isFinite(usd)) (weekdayOf(date) >= 5 ? weekend : weekday).push(Math.max(0, usd));
  }
  const all = [...weekday, ...weekend];
  if (all.length === 0) return null;

  // Weekends count as different only when both fall on the same side of every weekday, so
  // one odd Saturday is treated as noise, not as a pattern.
  const split =
    weekday.length === 5 &&
    weekend.length === 2 &&
    (weekend.every((v) => v < Math.min(...weekday)) || weekend.every((v) => v > Math.max(...weekday)));
  if (split) {
    const wd = median(weekday);
    const we = mean(weekend);
    const level = (5 * wd + 2 * we) / 7;
    const residuals = [...weekday.map((v) => v - wd), ...weekend.map((v) => v - we)];
    return {
      level,
      weekdayFactor: level > 0 ? wd / level : 1,
      weekendFactor: level > 0 ? we / level : 1,
      dailySd: robustSd(residuals),
      days: all.length,
    };
  }
  const level = all.length >= 5 ? trimmedMean(all) : median(all);
  // Too few days to measure noise: take one day's spend as the uncertainty.
  const dailySd = all.length >= 3 ? robustSd(all.map((v) => v - level)) : level;
  return { level, weekdayFactor: 1, weekendFactor: 1, dailySd, days: all.length };
}

function sum<T>(xs: readonly T[], f: (x: T) => number): number {
  return xs.reduce((acc, x) => acc + f(x), 0);
}

const mean = (xs: readonly number[]) => sum(xs, (x) => x) / xs.length;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Mean without the single highest and lowest day. */
function trimmedMean(xs: readonly number[]): number {
  return mean([...xs].sort((a, b) => a - b).slice(1, -1));
}

/** 1.4826 * median absolute deviation: the standard deviation for normal noise. */
function robustSd(residuals: readonly number[]): number {
  return 1.4826 * median(residuals.map(Math.abs));
}
