import type { Range, Unit } from '@/lib/usage/overview-schemas';

// Pure display formatting. The locale is fixed to en-US and dates are shown in UTC so that
// labels match the server's UTC buckets and screenshots are stable across machines.

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdWhole = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usdCompact = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const hourLabel = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayLabel = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' });
const dateLabel = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });

/** "$1,234.56"; amounts that would round to zero read "<$0.01" rather than a misleading "$0.00". */
export function formatUsd(amount: number): string {
  if (amount > 0 && amount < 0.005) return '<$0.01';
  return usd.format(amount);
}

/** Axis ticks: "$0.25", "$40", "$1.2K". */
export function formatUsdTick(amount: number): string {
  if (Math.abs(amount) >= 1000) return usdCompact.format(amount);
  return Number.isInteger(amount) ? usdWhole.format(amount) : usd.format(amount);
}

/** "1.2M", "950", "12.5K". */
export function formatCompactNumber(value: number): string {
  return compact.format(value);
}

export function formatInteger(value: number): string {
  return integer.format(value);
}

/** A full-precision value for tooltips: "$12.34", "1,234,567 tokens", "42 requests". */
export function formatUnitValue(value: number, unit: Unit): string {
  if (unit === 'cost') return formatUsd(value);
  const noun = unit === 'tokens' ? 'token' : 'request';
  return `${integer.format(value)} ${value === 1 ? noun : `${noun}s`}`;
}

/** A short value for axis ticks: "$1.2K", "1.2M". */
export function formatUnitTick(value: number, unit: Unit): string {
  return unit === 'cost' ? formatUsdTick(value) : compact.format(value);
}

export type Change = { direction: 'up' | 'down' | 'flat'; ratio: number | null };

/**
 * Relative change from `previous` to `current`. `ratio` is null when there is nothing to
 * compare against (previous is 0 but current is not). Changes that round to 0.0% are flat.
 */
export function computeChange(current: number, previous: number): Change {
  if (previous === 0) return current > 0 ? { direction: 'up', ratio: null } : { direction: 'flat', ratio: 0 };
  const ratio = (current - previous) / Math.abs(previous);
  if (Math.abs(ratio) < 0.0005) return { direction: 'flat', ratio: 0 };
  return { direction: ratio > 0 ? 'up' : 'down', ratio };
}

/** "12.3%" for 0.123; the sign is dropped because the direction is spelled out separately. */
export function formatPercent(ratio: number): string {
  return percent.format(Math.abs(ratio));
}

/** X-axis ticks: hours for the 24h view, days otherwise. */
export function formatTimeTick(iso: string, range: Range): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return range === '24h' ? hourLabel.format(date) : dayLabel.format(date);
}

/** Tooltip heading for one point: "Nov 23, 2025, 14:00 UTC" or "Nov 23, 2025". */
export function formatPointLabel(iso: string, range: Range): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return range === '24h' ? `${dateLabel.format(date)}, ${hourLabel.format(date)} UTC` : dateLabel.format(date);
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateLabel.format(date);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "3 h ago", "12 d ago", then a date; `now` is an argument to keep this pure. */
export function formatRelativeTime(iso: string | null, now: Date): string {
  if (iso === null) return 'Never';
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return 'Unknown';
  const elapsed = now.getTime() - then.getTime();
  // Small negative values are clock skew between the server and this browser.
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  if (elapsed < 30 * DAY) return `${Math.floor(elapsed / DAY)} d ago`;
  return dateLabel.format(then);
}
