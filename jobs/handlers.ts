import type { PrismaClient } from '@/generated/prisma/client';
import { demoTrafficJob } from './demo-traffic';
import { heartbeatJob } from './heartbeat';
import { pruneJobRunsJob } from './prune-job-runs';
import type { JobHandler } from './scheduler';
import type { JobName } from './schedule';

// Every scheduled job's handler; typed by the schedule's names so a missing one fails to compile.
export function jobHandlers(db: PrismaClient, startedAt: Date): Record<JobName, JobHandler> {
  return {
    heartbeat: heartbeatJob(db, startedAt),
    'demo-traffic': demoTrafficJob(db),
    'prune-job-runs': pruneJobRunsJob(db),
  };
}
