import path from 'node:path';
import type { PrismaClient } from '@/generated/prisma/client';
import type { PullDeps } from '@/lib/collect/pull-connection';
import { DETECT_STATE_FILE } from '@/lib/detect/run/state-file';
import { incidentChangeHandler } from '@/lib/incidents/on-change';
import { pruneIngestEvents } from '@/lib/ingest/prune-events';
import { writeHeartbeat } from '@/lib/system/heartbeat';
import { pruneJobRuns, recordJobRun } from '@/lib/system/job-runs';
import { budgetsJob } from './budgets';
import { connectionJob, fanOut, reconcileJob, rollupJob } from './collect';
import { deliverAlertsJob } from './deliver-alerts';
import { detectJob } from './detect';
import type { JobHandler } from './scheduler';
import type { JobName } from './schedule';

const KEEP_JOB_RUNS_DAYS = 30;

// Every queue's handler; typed by the schedule's names so a missing one fails to compile.
export function jobHandlers(db: PrismaClient, deps: PullDeps, startedAt: Date, options: { timezone: string; dataDir: string; pagerDutyUrl?: string }): Record<JobName, JobHandler> {
  return {
    heartbeat: () => writeHeartbeat(db, { at: new Date().toISOString(), pid: process.pid, startedAt: startedAt.toISOString() }),
    'pull-recent': fanOut(db, 'recent'),
    'reread-recent': fanOut(db, 'reread'),
    'sync-keys': fanOut(db, 'keys'),
    connection: connectionJob(db, deps),
    'reconcile-costs': reconcileJob(db, deps),
    'rollup-minutes': rollupJob(db),
    detect: detectJob(db, { timezone: options.timezone, statePath: path.join(options.dataDir, DETECT_STATE_FILE), onChange: incidentChangeHandler() }),
    budgets: budgetsJob(db, { onChange: incidentChangeHandler() }),
    'deliver-alerts': deliverAlertsJob(db, { pagerDutyUrl: options.pagerDutyUrl }),
    prune: () =>
      recordJobRun(db, 'prune', async () => ({
        jobRuns: (await pruneJobRuns(db, new Date(Date.now() - KEEP_JOB_RUNS_DAYS * 86_400_000))).deleted,
        ingestEvents: (await pruneIngestEvents(db, Date.now())).deleted,
      })),
  };
}
