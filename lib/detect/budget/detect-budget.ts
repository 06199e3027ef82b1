import type { Finding, Severity } from '@/lib/detect/eval/finding';
import { localDateAt } from './budget-period';
import type { MonthPeriod } from './budget-period';
import { forecastMonthEnd } from './forecast';
import type { DailySpend, SpendForecast } from './forecast';

// Budgets (kinds 'budget' and 'budget_forecast'): month-to-date spend of a key or an
// environment against a monthly budget, per calendar month in the budget's zone. A budget
// finding names the highest threshold crossed and not yet alerted this month, so a jump
// from 40% to 85% pages once, for 80. A forecast finding says the month will end over
// budget before it is; once spend reaches 100% the threshold findings take over. Each has a
// dedup key per month (`budgetDedupKey`), so a month pages at most once per threshold.

export type BudgetScope = 'key' | 'environment';

export interface Budget {
  scope: BudgetScope;
  /** Key or environment id; the finding's `key`. */
  subjectId: string;
  /** What a finance person calls it, e.g. "prod-chat"; defaults to the id. */
  name?: string;
  monthlyUsd: number;
  /** Percents of the budget; default 50, 80, 100. */
  thresholds?: readonly number[];
  /** IANA zone the months are counted in. */
  timezone: string;
}

export interface BudgetInput {
  budget: Budget;
  monthToDateUsd: number;
  /** Epoch ms. */
  now: number;
  recentDaily: readonly DailySpend[];
  /** Thresholds already alerted in the month containing `now`. */
  alertedThresholds?: readonly number[];
  /** Whether the forecast was already alerted in that month. */
  forecastAlerted?: boolean;
}

export const DEFAULT_THRESHOLDS: readonly number[] = [50, 80, 100];

export type BudgetIdentity =
  | { kind: 'budget'; scope: BudgetScope; subjectId: string; period: string; threshold: number }
  | { kind: 'budget_forecast'; scope: BudgetScope; subjectId: string; period: string };

/** `budget:<scope>:<subject>:<YYYY-MM>:<threshold>` or `budget_forecast:<scope>:<subject>:<YYYY-MM>`. */
export function budgetDedupKey(id: BudgetIdentity): string {
  const base = `${id.kind}:${id.scope}:${id.subjectId}:${id.period}`;
  return id.kind === 'budget' ? `${base}:${id.threshold}` : base;
}

/** By how much of the budget is spent: info under 80%, warning to 100%, error, critical from 150%. */
export function budgetSeverity(percent: number): Severity {
  if (percent >= 150) return 'critical';
  if (percent >= 100) return 'error';
  if (percent >= 80) return 'warning';
  return 'info';
}

export function detectBudget(input: BudgetInput): Finding[] {
  const { budget, monthToDateUsd: mtd, now } = input;
  if (!(budget.monthlyUsd > 0) || !Number.isFinite(budget.monthlyUsd)) return [];
  const forecast = forecastMonthEnd({ monthToDateUsd: mtd, now, timezone: budget.timezone, recentDaily: input.recentDaily, budgetUsd: budget.monthlyUsd });
  const percent = (mtd / budget.monthlyUsd) * 100;
  const text = phrases(budget, mtd, percent, forecast);
  const identity = { scope: budget.scope, subjectId: budget.subjectId, period: forecast.period.label };
  const evidence = (threshold: number | null, dedupKey: string) => ({
    ...identity,
    dedupKey,
    monthToDateUsd: cents(mtd),
    budgetUsd: budget.monthlyUsd,
    percent: cents(percent),
    threshold,
    forecastUsd: cents(forecast.projectedUsd),
    forecastLowUsd: cents(forecast.lowUsd),
    forecastHighUsd: cents(forecast.highUsd),
    projectedCrossingAt: forecast.crossesAt === null ? null : new Date(forecast.crossesAt).toISOString(),
    periodStart: new Date(forecast.period.startMs).toISOString(),
    periodEnd: new Date(forecast.period.endMs).toISOString(),
    timezone: budget.timezone,
  });

  const findings: Finding[] = [];
  const thresholds = [...new Set(budget.thresholds ?? DEFAULT_THRESHOLDS)].filter((t) => t > 0 && Number.isFinite(t)).sort((a, b) => a - b);
  const crossed = thresholds.filter((t) => percent >= t);
  const highest = crossed.at(-1);
  if (highest !== undefined && !(input.alertedThresholds ?? []).includes(highest)) {
    const dedupKey = budgetDedupKey({ kind: 'budget', ...identity, threshold: highest });
    findings.push({
      key: budget.subjectId,
      kind: 'budget',
      severity: budgetSeverity(percent),
      summary: percent >= 100 ? `${text.over}; ${text.forecast}` : `${text.at}; ${text.forecast}`,
      evidence: { ...evidence(highest, dedupKey), crossedThresholds: crossed },
    });
  }
  if (percent < 100 && forecast.projectedUsd > budget.monthlyUsd && !input.forecastAlerted) {
    const dedupKey = budgetDedupKey({ kind: 'budget_forecast', ...identity });
    findings.push({
      key: budget.subjectId,
      kind: 'budget_forecast',
      severity: 'warning',
      summary: text.forecastOver,
      evidence: evidence(null, dedupKey),
    });
  }
  return findings;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function phrases(budget: Budget, mtd: number, percent: number, f: SpendForecast) {
  const name = budget.name ?? budget.subjectId;
  const limit = usd(budget.monthlyUsd, !Number.isInteger(budget.monthlyUsd));
  const spent = usd(mtd, true);
  const month = monthName(f.period);
  const pct = `${Math.floor(percent)}%`;
  const projected = usd(f.projectedUsd, f.projectedUsd < 100);
  const crossing = f.crossesAt === null ? '' : `, crosses budget on ${dayName(f.crossesAt, budget.timezone)}`;
  return {
    at: `${name} at ${pct} of ${limit} budget (${spent} of ${limit}, ${month})`,
    over: `${name} over budget at ${pct} of ${limit} (${spent} of ${limit}, ${month})`,
    forecast: `forecast ${projected} by month end${crossing}`,
    forecastOver:
      `${name} forecast to exceed ${limit} budget: ${projected} by month end` +
      ` (likely ${usd(f.lowUsd, f.lowUsd < 100)} to ${usd(f.highUsd, f.highUsd < 100)})${crossing}; ${spent} (${pct}) spent so far in ${month}`,
  };
}

function monthName(p: MonthPeriod): string {
  return MONTHS[p.month - 1] ?? p.label;
}

function dayName(epochMs: number, timezone: string): string {
  const d = localDateAt(epochMs, timezone);
  return `${MONTHS[d.month - 1] ?? d.month} ${d.day}`;
}

function usd(amount: number, withCents: boolean): string {
  const digits = withCents ? 2 : 0;
  return amount.toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const cents = (x: number) => Math.round(x * 100) / 100;
