import type { PrismaClient } from '@/generated/prisma/client';
import { writeHeartbeat } from '@/lib/system/heartbeat';

export function heartbeatJob(db: PrismaClient, startedAt: Date) {
  return () => writeHeartbeat(db, { at: new Date().toISOString(), pid: process.pid, startedAt: startedAt.toISOString() });
}
