import { Prisma } from '@/generated/prisma/client';
import type { PrismaClient } from '@/generated/prisma/client';
import { isoDate, monthPeriod, monthPeriodAt } from '@/lib/detect/budget/budget-period';
import type { DailySpend } from '@/lib/detect/budget/forecast';
import { forecastMonthEnd } from '@/lib/detect/budget/forecast';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/incidents/incident-actions';
import { budgetsCsv, csvFilename, type BudgetCsvRow } from './budget-csv';
import { budgetBurn } from './budget-burn';
import type { BudgetList, BudgetListQuery, BudgetView, PutBudgetInput, SavedBudget } from './budget-schemas';
import { budgetSubject, dailySpend } from './budget-spend';
import { budgetStatus, monthTotals, spendWindow, standingOf, type SpendWindow } from './budget-standing';
import { budgetTotals } from './budget-totals';

// Budgets as people see and change them: where each stands this month with its forecast
// and history, set and removed with an audit record, and one month exported for finance.
// `now` is an argument so tests can pin the clock.

export const HISTORY_MONTHS = 6;

const BUDGET_SELECT = {
  id: true,
  scope: true,
  keyId: true,
  environment: true,
  monthlyUsd: true,
  thresholds: true,
  timezone: true,
  key: { select: { name: true, environment: true } },
} satisfies Prisma.BudgetSelect;
type BudgetRow = Prisma.BudgetGetPayload<{ select: typeof BUDGET_SELECT }>;

/**
 * A page of budgets with totals over all of them. Every budget's month so far is needed for
 * the totals; history and the burn series go out for the page only.
 */
export async function listBudgets(db: PrismaClient, now: number, query: BudgetListQuery = { page: 1, pageSize: 25 }): Promise<BudgetList> {
  const rows = await db.budget.findMany({ select: BUDGET_SELECT, orderBy: [{ scope: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] });
  // The totals need every budget's month so far and forecast, which read this month and the
  // week before; only the page shown needs the months of history.
  const current = await viewsOf(db, rows, now, 1);
  const needle = query.q?.toLowerCase();
  const matching = needle ? rows.filter((_, i) => current[i]!.subjectName.toLowerCase().includes(needle) || (current[i]!.environment ?? '').toLowerCase().includes(needle)) : rows;
  return {
    asOf: new Date(now).toISOString(),
    total: rows.length,
    matching: matching.length,
    page: query.page,
    pageSize: query.pageSize,
    totals: budgetTotals(current),
    budgets: await viewsOf(db, matching.slice((query.page - 1) * query.pageSize, query.page * query.pageSize), now),
  };
}

/** Creates the subject's budget, or replaces its settings. */
export async function putBudget(db: PrismaClient, input: PutBudgetInput, actor: Actor, now: number): Promise<SavedBudget> {
  const { row, created } = await db
    .$transaction(async (tx) => {
      await assertSubjectExists(tx, input);
      const where = input.scope === 'key' ? { keyId: input.keyId } : { environment: input.environment };
      const before = await tx.budget.findUnique({ where, select: BUDGET_SELECT });
      const data = { monthlyUsd: input.monthlyUsd.toFixed(2), thresholds: input.thresholds, timezone: input.timezone };
      const after = before
        ? await tx.budget.update({ where: { id: before.id }, data, select: BUDGET_SELECT })
        : await tx.budget.create({ data: { scope: input.scope, ...where, ...data }, select: BUDGET_SELECT });
      // Setting the same values again is not a change worth a line in the audit log.
      if (!before || JSON.stringify(audited(before)) !== JSON.stringify(audited(after))) {
        await tx.auditEvent.create({
          data: { actorId: actor.id, actorEmail: actor.label, action: before ? 'budget.update' : 'budget.create', targetType: 'budget', targetId: after.id, before: before ? audited(before) : undefined, after: audited(after) },
        });
      }
      return { row: after, created: !before };
    })
    .catch((error: unknown) => {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new AppError('conflict', 'The budget was created meanwhile by someone else; send the request again to update it');
      throw error;
    });
  const [view] = await viewsOf(db, [row], now);
  return { ...view!, created };
}

export async function deleteBudget(db: PrismaClient, id: string, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.budget.findUnique({ where: { id }, select: BUDGET_SELECT });
    if (!before) throw new AppError('not_found', `No budget ${id}; list budgets at /api/budgets`);
    await tx.budget.delete({ where: { id } });
    await tx.auditEvent.create({ data: { actorId: actor.id, actorEmail: actor.label, action: 'budget.delete', targetType: 'budget', targetId: id, before: audited(before) } });
  });
}

/** One month (`YYYY-MM`, default the current one in UTC) of every budget, each in its own zone, as CSV. */
export async function exportBudgets(db: PrismaClient, month: string | undefined, now: number): Promise<{ filename: string; csv: string }> {
  const label = month ?? monthPeriodAt(now, 'UTC').label;
  const [year, mon] = label.split('-').map(Number) as [number, number];
  // Kiritimati (UTC+14) is the first place a month begins.
  if (monthPeriod(year, mon, 'Pacific/Kiritimati').startMs > now) throw new AppError('bad_request', `month ${label} has not started yet; export the current month or an earlier one`);
  const rows = await db.budget.findMany({ select: BUDGET_SELECT });
  const plans = rows.map((b) => {
    const period = monthPeriod(year, mon, b.timezone);
    const current = period.startMs <= now && now < period.endMs;
    return { period, current, window: current ? spendWindow(now, b.timezone) : null };
  });
  const days = await dailySpend(
    db,
    rows.map((b, i) => {
      const { period, window } = plans[i]!;
      return { subject: budgetSubject(b), timezone: b.timezone, fromMs: window?.fromMs ?? period.startMs, toMs: window?.toMs ?? Math.min(period.endMs, now) };
    }),
  );
  const csvRows: BudgetCsvRow[] = rows.map((b, i) => {
    const { period, window } = plans[i]!;
    const budgetUsd = b.monthlyUsd.toNumber();
    const spendUsd = monthTotals(days[i]!, [period])[0]!.usd;
    const forecast = window ? forecastMonthEnd({ ...standingOf(days[i]!, window), now, timezone: b.timezone, budgetUsd }) : null;
    return { subject: subjectName(b), scope: b.scope, environment: environmentOf(b), budgetUsd, spendUsd, percent: (spendUsd / budgetUsd) * 100, forecastUsd: forecast?.projectedUsd ?? null, timezone: b.timezone };
  });
  csvRows.sort((a, b) => a.scope.localeCompare(b.scope) || a.subject.localeCompare(b.subject));
  return { filename: csvFilename(label), csv: budgetsCsv(csvRows) };
}

/** Views of `rows`, with `months` of history (the current month included). */
async function viewsOf(db: PrismaClient, rows: readonly BudgetRow[], now: number, months = HISTORY_MONTHS): Promise<BudgetView[]> {
  const windows = rows.map((b) => spendWindow(now, b.timezone, months));
  const days = await dailySpend(db, rows.map((b, i) => ({ subject: budgetSubject(b), timezone: b.timezone, fromMs: windows[i]!.fromMs, toMs: windows[i]!.toMs })));
  return rows.map((b, i) => viewOf(b, windows[i]!, days[i]!, now));
}

function viewOf(b: BudgetRow, window: SpendWindow, days: readonly DailySpend[], now: number): BudgetView {
  const monthlyUsd = b.monthlyUsd.toNumber();
  const standing = standingOf(days, window);
  const forecast = forecastMonthEnd({ ...standing, now, timezone: b.timezone, budgetUsd: monthlyUsd });
  const percent = (standing.monthToDateUsd / monthlyUsd) * 100;
  return {
    id: b.id,
    scope: b.scope,
    keyId: b.keyId,
    environment: environmentOf(b),
    subjectName: subjectName(b),
    monthlyUsd,
    thresholds: b.thresholds,
    timezone: b.timezone,
    period: window.period.label,
    periodStart: new Date(window.period.startMs).toISOString(),
    periodEnd: new Date(window.period.endMs).toISOString(),
    monthToDateUsd: cents(standing.monthToDateUsd),
    percent: cents(percent),
    forecastUsd: cents(forecast.projectedUsd),
    forecastLowUsd: cents(forecast.lowUsd),
    forecastHighUsd: cents(forecast.highUsd),
    projectedCrossingAt: forecast.crossesAt === null ? null : new Date(forecast.crossesAt).toISOString(),
    status: budgetStatus(percent, forecast.projectedUsd, monthlyUsd),
    history: monthTotals(days, window.months).map((m) => ({ month: m.month, actualUsd: cents(m.usd), budgetUsd: monthlyUsd, complete: m.month !== window.period.label })),
    burn: budgetBurn(days, window.period, isoDate(window.today), forecast.cumulative).map((d) => ({
      date: d.date,
      actualUsd: d.actualUsd === null ? null : cents(d.actualUsd),
      forecastUsd: d.forecastUsd === null ? null : cents(d.forecastUsd),
    })),
  };
}

async function assertSubjectExists(tx: Prisma.TransactionClient, input: PutBudgetInput): Promise<void> {
  if (input.scope === 'key') {
    if (!(await tx.apiKey.findUnique({ where: { id: input.keyId }, select: { id: true } }))) throw new AppError('not_found', `No key ${input.keyId}; pick one listed at /api/keys`);
    return;
  }
  if (await tx.environment.findUnique({ where: { name: input.environment }, select: { name: true } })) return;
  const names = (await tx.environment.findMany({ select: { name: true }, orderBy: { name: 'asc' } })).map((e) => `"${e.name}"`);
  throw new AppError('not_found', `No environment "${input.environment}"; environments are ${names.join(', ') || 'not set up yet'}`);
}

const subjectName = (b: BudgetRow) => b.key?.name ?? b.environment ?? b.keyId ?? '';
const environmentOf = (b: BudgetRow) => (b.scope === 'key' ? (b.key?.environment ?? null) : b.environment);
const cents = (x: number) => Math.round(x * 100) / 100;

function audited(b: BudgetRow): Prisma.InputJsonObject {
  return { scope: b.scope, keyId: b.keyId, environment: b.environment, monthlyUsd: b.monthlyUsd.toNumber(), thresholds: b.thresholds, timezone: b.timezone };
}
