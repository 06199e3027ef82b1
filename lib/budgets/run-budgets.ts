import type { PrismaClient } from '@/generated/prisma/client';
import { detectBudget } from '@/lib/detect/budget/detect-budget';
import type { Budget } from '@/lib/detect/budget/detect-budget';
import type { OnIncidentChange } from '@/lib/incidents/incident-change';
import { BUDGET_KINDS } from '@/lib/incidents/incident-rules';
import { recordFindings, type StoredFinding } from '@/lib/incidents/record-findings';
import { logger } from '@/lib/log';
import { alertedThisPeriod, type BudgetIncident } from './alerted-this-period';
import { budgetSubject, dailySpend } from './budget-spend';
import { spendWindow, standingOf } from './budget-standing';

// Checks every budget against its month-to-date spend: one spend query and one incident
// query for all budgets, detectBudget per budget, and the findings recorded as incidents.
// Safe to re-run: what was already paged this period is read back from the incidents and
// passed to the detector, so a second run in the same minute finds nothing new.

export const BUDGET_BUCKET_SECONDS = 60;

export interface RunBudgetsOptions {
  /** Epoch ms; floored to the minute, the findings' time. */
  now: number;
  onChange?: OnIncidentChange;
}

export interface RunBudgetsResult extends Record<string, unknown> {
  budgets: number;
  findings: number;
  opened: number;
  absorbed: number;
}

export async function runBudgets(db: PrismaClient, options: RunBudgetsOptions): Promise<RunBudgetsResult> {
  const at = Math.floor(options.now / 60_000) * 60_000;
  const budgets = await db.budget.findMany({
    select: { id: true, scope: true, keyId: true, environment: true, monthlyUsd: true, thresholds: true, timezone: true, key: { select: { name: true, environment: true } } },
    orderBy: { createdAt: 'asc' },
  });
  if (budgets.length === 0) return { budgets: 0, findings: 0, opened: 0, absorbed: 0 };

  const windows = budgets.map((b) => spendWindow(at, b.timezone));
  const days = await dailySpend(db, budgets.map((b, i) => ({ subject: budgetSubject(b), timezone: b.timezone, fromMs: windows[i]!.fromMs, toMs: windows[i]!.toMs })));
  const incidents = await budgetIncidentsSince(db, Math.min(...windows.map((w) => w.period.startMs)));

  const findings: StoredFinding[] = [];
  budgets.forEach((b, i) => {
    const window = windows[i]!;
    const subjectId = b.scope === 'key' ? b.keyId! : b.environment!;
    const mine = incidents.filter((x) => (b.scope === 'key' ? x.keyId === b.keyId : x.keyId === null && x.environment === b.environment));
    const alerted = alertedThisPeriod(mine, new Date(window.period.startMs).toISOString());
    const standing = standingOf(days[i]!, window);
    const budget: Budget = { scope: b.scope, subjectId, name: b.key?.name ?? b.environment ?? subjectId, monthlyUsd: b.monthlyUsd.toNumber(), thresholds: b.thresholds, timezone: b.timezone };
    for (const f of detectBudget({ budget, ...standing, now: at, alertedThresholds: alerted.thresholds, forecastAlerted: alerted.forecast })) {
      findings.push({ ...f, keyId: b.scope === 'key' ? b.keyId : null, environment: b.key?.environment ?? b.environment, at });
    }
  });

  const recorded = await recordFindings(db, findings, { now: options.now, bucketSeconds: BUDGET_BUCKET_SECONDS, onChange: options.onChange });
  if (findings.length > 0) logger.info('budget_findings', { budgets: budgets.length, findings: findings.length, ...recorded });
  return { budgets: budgets.length, findings: findings.length, ...recorded };
}

type SubjectIncident = BudgetIncident & { keyId: string | null; environment: string | null };

// Every budget incident that can belong to a current period: opened at or after the
// earliest period start (a finding's time is in its period).
async function budgetIncidentsSince(db: PrismaClient, fromMs: number): Promise<SubjectIncident[]> {
  return db.incident.findMany({
    where: { kind: { in: [...BUDGET_KINDS] }, openedAt: { gte: new Date(fromMs) } },
    select: { kind: true, keyId: true, environment: true, evidence: true },
  });
}
