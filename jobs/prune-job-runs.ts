import type { PrismaClient } from '@/generated/prisma/client';
import { pruneJobRuns, recordJobRun } from '@/lib/system/job-runs';

const KEEP_DAYS = 30;

export function pruneJobRunsJob(db: PrismaClient) {
  return () => recordJobRun(db, 'prune-job-runs', () => pruneJobRuns(db, new Date(Date.now() - KEEP_DAYS * 86_400_000)));
}
