import type { PrismaClient } from '@/generated/prisma/client';
import type { OnIncidentChange } from '@/lib/incidents/incident-change';
import { runBudgets } from '@/lib/budgets/run-budgets';
import { recordJobRun } from '@/lib/system/job-runs';
import type { JobHandler } from './scheduler';

// Budgets: thin. Every budget against its month-to-date spend; what was paged this month
// is read back from the incidents, so a re-run or a retry pages nothing twice.
export function budgetsJob(db: PrismaClient, options: { onChange?: OnIncidentChange }): JobHandler {
  return () => recordJobRun(db, 'budgets', () => runBudgets(db, { now: Date.now(), onChange: options.onChange }));
}
