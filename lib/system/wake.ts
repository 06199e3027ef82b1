import type { Prisma, PrismaClient } from '@/generated/prisma/client';

// Work that should not wait for the next cron minute (a page to send, ingested usage to
// judge) wakes its job through Postgres NOTIFY: sent inside the transaction that created
// the work, delivered only if it commits, heard by the scheduler's LISTEN in whichever
// process runs the jobs (the web server and the scheduler may be different processes).

export const WAKE_CHANNEL = 'burnrate_wake';
export const WAKEABLE_JOBS = ['deliver-alerts', 'detect'] as const;
export type WakeableJob = (typeof WAKEABLE_JOBS)[number];

export async function wakeJob(db: PrismaClient | Prisma.TransactionClient, job: WakeableJob): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${WAKE_CHANNEL}, ${job})`;
}
