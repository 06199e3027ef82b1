import type { PrismaClient } from '@/generated/prisma/client';
import { syncDemoUsage } from '@/lib/demo/sync-demo-usage';
import { recordJobRun } from '@/lib/system/job-runs';

export function demoTrafficJob(db: PrismaClient) {
  return () => recordJobRun(db, 'demo-traffic', () => syncDemoUsage(db, Date.now()));
}
