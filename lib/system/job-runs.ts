import type { PrismaClient } from '@/generated/prisma/client';
import { logger } from '@/lib/log';

// Records one run of a job in job_run; failures are recorded and re-thrown so the queue
// retries. Returns what the job returned (its counts go into `detail`).
export async function recordJobRun<T extends Record<string, unknown> | void>(
  db: PrismaClient,
  job: string,
  run: () => Promise<T>,
  connectionId?: string,
): Promise<T> {
  const row = await db.jobRun.create({ data: { job, connectionId }, select: { id: true } });
  const started = performance.now();
  try {
    const detail = await run();
    await db.jobRun.update({
      where: { id: row.id },
      data: { status: 'succeeded', finishedAt: new Date(), detail: detail ?? undefined },
    });
    logger.debug('job_succeeded', { job, ms: Math.round(performance.now() - started), ...(detail ?? {}) });
    return detail;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.jobRun.update({ where: { id: row.id }, data: { status: 'failed', finishedAt: new Date(), error: message } }).catch(() => undefined);
    logger.error('job_failed', { job, error: message });
    throw error;
  }
}

export async function pruneJobRuns(db: PrismaClient, olderThan: Date): Promise<{ deleted: number }> {
  const { count } = await db.jobRun.deleteMany({ where: { startedAt: { lt: olderThan } } });
  return { deleted: count };
}
