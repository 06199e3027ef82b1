import type { BudgetView } from '@/lib/budgets/budget-schemas';
import { formatUsd } from '@/lib/client/format';
import { formatDayIn, monthName } from '@/lib/client/budget-labels';

// The rows and words of a budget's month-to-date burn chart. Pure. Dates are the budget's
// local days, as the API counts them.

export type BurnRow = {
  date: string;
  /** "Nov 3": the axis tick and the tooltip's label. */
  label: string;
  actualUsd: number | null;
  forecastUsd: number | null;
  budgetUsd: number;
};

export type BurnChart = {
  rows: BurnRow[];
  /** The day the forecast reaches the budget (a row's date), or null. */
  crossingDate: string | null;
  crossingLabel: string | null;
  /** Nothing spent and nothing forecast: no chart to draw. */
  empty: boolean;
  summary: string;
};

type BurnInput = Pick<BudgetView, 'burn' | 'monthlyUsd' | 'projectedCrossingAt' | 'timezone' | 'period' | 'subjectName' | 'monthToDateUsd' | 'forecastUsd'>;

/** "2026-11-03" -> "Nov 3"; the text itself when it is no date. */
export function dayLabel(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? formatDayIn(`${date}T12:00:00Z`, 'UTC') : date;
}

/** The local date (`YYYY-MM-DD`) of an instant in `timezone`; null when either is unreadable. */
export function localDateIn(iso: string, timezone: string): string | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  try {
    // en-CA writes dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    return null;
  }
}

export function burnChart(budget: BurnInput): BurnChart {
  const rows = budget.burn.map((d) => ({ date: d.date, label: dayLabel(d.date), actualUsd: d.actualUsd, forecastUsd: d.forecastUsd, budgetUsd: budget.monthlyUsd }));
  const crossing = budget.projectedCrossingAt ? localDateIn(budget.projectedCrossingAt, budget.timezone) : null;
  const crossingDate = crossing && rows.some((r) => r.date === crossing) ? crossing : null;
  const crossingLabel = crossingDate && budget.projectedCrossingAt ? formatDayIn(budget.projectedCrossingAt, budget.timezone) : null;
  const empty = rows.every((r) => !r.actualUsd && !r.forecastUsd);
  const today = [...rows].reverse().find((r) => r.actualUsd !== null);
  const last = rows.at(-1);
  const summary =
    `Cumulative spend of ${budget.subjectName} in ${monthName(budget.period)} against a budget of ${formatUsd(budget.monthlyUsd)}: ` +
    `${formatUsd(budget.monthToDateUsd)} spent by ${today ? today.label : 'today'}` +
    (last && last.forecastUsd !== null ? `, forecast ${formatUsd(budget.forecastUsd)} by ${last.label}` : '') +
    (budget.monthToDateUsd >= budget.monthlyUsd ? '; already over budget.' : crossingLabel ? `; the forecast crosses the budget on ${crossingLabel}.` : '; the forecast stays under budget.');
  return { rows, crossingDate, crossingLabel, empty, summary };
}
