import { formatUsd } from '@/lib/client/format';
import type { BudgetView } from '@/lib/budgets/budget-schemas';

// Budget figures in words. Every status has a word and an icon, so colour is never the
// only signal. Dates are shown in the budget's own zone: its month is that zone's month.

export type BudgetStatus = BudgetView['status'];

export const STATUS_LABELS: Record<BudgetStatus, { label: string; icon: string }> = {
  ok: { label: 'On track', icon: '✓' },
  warning: { label: 'At risk', icon: '▲' },
  over: { label: 'Over budget', icon: '✖' },
};

/** Why a budget is at risk: the lib marks a warning from 80% used, or when the forecast ends over. */
export function statusReason(budget: Pick<BudgetView, 'status' | 'percent' | 'forecastUsd' | 'monthlyUsd'>): string {
  if (budget.status === 'over') return `${formatShare(budget.percent)} of the budget spent`;
  if (budget.status === 'ok') return 'Forecast stays under budget';
  if (budget.forecastUsd > budget.monthlyUsd) return `Forecast ends ${formatUsd(budget.forecastUsd - budget.monthlyUsd)} over`;
  return `${formatShare(budget.percent)} of the budget spent`;
}

/** "46%", "104.5%". Below 100 it rounds down, so "100%" always means the budget is reached. */
export function formatShare(percent: number): string {
  if (percent > 0 && percent < 1) return '<1%';
  if (percent < 100) return `${Math.floor(percent)}%`;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}

export type Overrun = { kind: 'over' | 'crosses' | 'under'; text: string };

/**
 * When the forecast reaches the budget: "crosses on Nov 24" (in the budget's zone),
 * "already over budget", or "stays under budget".
 */
export function describeOverrun(budget: Pick<BudgetView, 'monthToDateUsd' | 'monthlyUsd' | 'projectedCrossingAt' | 'timezone'>): Overrun {
  if (budget.monthToDateUsd >= budget.monthlyUsd) return { kind: 'over', text: 'already over budget' };
  if (budget.projectedCrossingAt === null) return { kind: 'under', text: 'stays under budget' };
  return { kind: 'crosses', text: `crosses on ${formatDayIn(budget.projectedCrossingAt, budget.timezone)}` };
}

/** "Nov 24" in `timezone`; the ISO text itself if either is unreadable. */
export function formatDayIn(iso: string, timezone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: timezone, month: 'short', day: 'numeric' }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(date);
  }
}

/** "$550.00–$650.00". */
export function formatForecastRange(budget: Pick<BudgetView, 'forecastLowUsd' | 'forecastHighUsd'>): string {
  return `${formatUsd(budget.forecastLowUsd)}–${formatUsd(budget.forecastHighUsd)}`;
}

export type ThresholdMark = { percent: number; label: string; reached: boolean };

export function thresholdMarks(thresholds: readonly number[], percent: number): ThresholdMark[] {
  return [...thresholds].sort((a, b) => a - b).map((t) => ({ percent: t, label: `${t}%`, reached: percent >= t }));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-06" -> "Jun"; the text itself when it is no month. */
export function monthTick(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return (m && MONTHS[Number(m[2]) - 1]) ?? month;
}

/** "2026-06" -> "June 2026". */
export function monthName(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const name = m ? MONTH_NAMES[Number(m[2]) - 1] : undefined;
  return m && name ? `${name} ${m[1]}` : month;
}

/** The subject's page: a key's detail, or an environment's. */
export function subjectHref(budget: Pick<BudgetView, 'scope' | 'keyId' | 'subjectName'>): string | null {
  if (budget.scope === 'key') return budget.keyId ? `/keys/${encodeURIComponent(budget.keyId)}` : null;
  return `/environments/${encodeURIComponent(budget.subjectName)}`;
}

/** "Key · production", "Environment". */
export function scopeLabel(budget: Pick<BudgetView, 'scope' | 'environment'>): string {
  return budget.scope === 'key' ? `Key${budget.environment ? ` · ${budget.environment}` : ''}` : 'Environment';
}
