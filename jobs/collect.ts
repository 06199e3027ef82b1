import { z } from 'zod';
import type { PrismaClient } from '@/generated/prisma/client';
import { connectionAccess } from '@/lib/collect/connection-access';
import { pullConnection, withConnectionLock, type PullDeps } from '@/lib/collect/pull-connection';
import { reconcileCosts } from '@/lib/collect/reconcile-costs';
import { minuteBoundary } from '@/lib/collect/windows';
import { recordJobRun } from '@/lib/system/job-runs';
import { rollupMinutes } from '@/lib/usage/rollup-minutes';
import type { JobContext, JobHandler } from './scheduler';

// Collection jobs: thin. The scheduled ones fan out one `connection` job per enabled
// connection; that job does one step for one connection (lib/collect/pull-connection.ts).

const connectionJobSchema = z.object({ connectionId: z.uuid(), mode: z.enum(['recent', 'reread', 'keys']) });

async function enabledConnections(db: PrismaClient) {
  return db.providerConnection.findMany({ where: { enabled: true }, select: { id: true, name: true }, orderBy: { createdAt: 'asc' } });
}

export function fanOut(db: PrismaClient, mode: 'recent' | 'reread' | 'keys'): JobHandler {
  return async (_data, ctx: JobContext) => {
    for (const c of await enabledConnections(db)) await ctx.send('connection', { connectionId: c.id, mode }, `${mode}:${c.id}`);
  };
}

export function connectionJob(db: PrismaClient, deps: PullDeps): JobHandler {
  return async (data, ctx) => {
    const job = connectionJobSchema.parse(data);
    const result = await recordJobRun(db, `pull-${job.mode}`, () => pullConnection(db, job.connectionId, job.mode, Date.now(), deps), job.connectionId);
    // Fresh minutes are what detection waits for; don't leave them to the next cron tick.
    if (job.mode === 'recent') await ctx.send('detect', {}, 'detect');
    return result;
  };
}

export function reconcileJob(db: PrismaClient, deps: PullDeps): JobHandler {
  return async () => {
    for (const c of await enabledConnections(db)) {
      await recordJobRun(
        db,
        'reconcile-costs',
        () =>
          withConnectionLock(db, c.id, async () => {
            const connection = await db.providerConnection.findUniqueOrThrow({ where: { id: c.id } });
            return reconcileCosts(db, connection, deps.providers[connection.provider], await connectionAccess(db, connection, deps.env), Date.now());
          }),
        c.id,
      ).catch(() => undefined); // one connection's failure is recorded and must not stop the others
    }
  };
}

export function rollupJob(db: PrismaClient): JobHandler {
  return () => recordJobRun(db, 'rollup-minutes', () => rollupMinutes(db, new Date(minuteBoundary(Date.now()))));
}
