import { wallTimeAt } from '@/lib/detect/wall-time';

// Calendar months in an IANA time zone, as UTC instants. A month starts at the first instant
// whose local wall time is on or after 00:00 on its 1st, so it is 743 hours in Berlin's
// March, 745 in its October, and starts at 01:00 when the 1st begins in a DST gap
// (America/Asuncion, October 2023). Consecutive months tile time by construction: a month
// ends where the next one starts. Intl only, no libraries; pure: nothing reads the clock.

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A local calendar date; month is 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface MonthPeriod {
  year: number;
  /** 1-12. */
  month: number;
  /** `YYYY-MM`, the month's name in dedup keys. */
  label: string;
  timezone: string;
  /** First instant of the month, epoch ms (inclusive). */
  startMs: number;
  /** First instant of the next month, epoch ms (exclusive). */
  endMs: number;
  /** Calendar days, 28-31. */
  days: number;
  /** Real hours: days * 24 give or take DST (Lord Howe moves by half an hour). */
  hours: number;
}

const offsetAt = (epochMs: number, timezone: string) => wallTimeAt(epochMs, timezone) - epochMs;

export function localDateAt(epochMs: number, timezone: string): LocalDate {
  const wall = new Date(wallTimeAt(epochMs, timezone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** The first instant whose local wall time is at or after 00:00 on `date`. */
export function startOfLocalDay(date: LocalDate, timezone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  // Offsets in force near the day; any real offset is within +-16 hours, and zones change
  // offset at most once in a day and a half.
  const offsets = new Set<number>();
  for (let k = -3; k <= 3; k++) offsets.add(offsetAt(wall + k * 12 * HOUR_MS, timezone));
  let earliest = Infinity;
  for (const o of offsets) {
    const t = wall - o;
    if (t < earliest && offsetAt(t, timezone) === o) earliest = t;
  }
  if (earliest < Infinity) return earliest;
  // Midnight falls in a DST gap: the day starts at the transition, found by bisection.
  let lo = wall - Math.max(...offsets);
  let hi = wall - Math.min(...offsets);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallTimeAt(mid, timezone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Calendar arithmetic on a local date (no zone involved). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Monday ... 6 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
}

/** `YYYY-MM-DD`. */
export function isoDate(date: LocalDate): string {
  return `${monthLabel(date.year, date.month)}-${String(date.day).padStart(2, '0')}`;
}

function monthLabel(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function monthPeriod(year: number, month: number, timezone: string): MonthPeriod {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  const startMs = startOfLocalDay({ year, month, day: 1 }, timezone);
  const endMs = startOfLocalDay({ ...next, day: 1 }, timezone);
  return { year, month, label: monthLabel(year, month), timezone, startMs, endMs, days: daysInMonth(year, month), hours: (endMs - startMs) / HOUR_MS };
}

/** The month containing an instant: startMs <= epochMs < endMs. */
export function monthPeriodAt(epochMs: number, timezone: string): MonthPeriod {
  const local = localDateAt(epochMs, timezone);
  let period = monthPeriod(local.year, local.month, timezone);
  // Only when the 1st's midnight is repeated (a fall-back at 00:00) can the local date
  // name the other month.
  while (epochMs < period.startMs) period = shiftMonth(period, -1);
  while (epochMs >= period.endMs) period = shiftMonth(period, 1);
  return period;
}

function shiftMonth(p: MonthPeriod, by: 1 | -1): MonthPeriod {
  const index = p.year * 12 + (p.month - 1) + by;
  return monthPeriod(Math.floor(index / 12), (index % 12) + 1, p.timezone);
}

/** Share of the month's real time elapsed at an instant, clamped to 0..1. */
export function elapsedFraction(period: MonthPeriod, epochMs: number): number {
  const f = (epochMs - period.startMs) / (period.endMs - period.startMs);
  return Math.min(1, Math.max(0, f));
}
