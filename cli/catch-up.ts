import type { PrismaClient } from '@/generated/prisma/client';
import { backfillConnection } from '@/lib/collect/backfill';
import { pullConnection, type PullDeps } from '@/lib/collect/pull-connection';
import { readCursor } from '@/lib/collect/sync-cursor';
import { DAY } from '@/lib/collect/windows';
import { DEMO_HISTORY_DAYS } from '@/lib/demo/demo-providers';
import { logger } from '@/lib/log';
import { progressBar } from './progress-bar';

// A connection that has never been pulled gets its key inventory and history first: the
// demo's 92 days before the server starts (so the dashboard opens full), a real
// connection's last 30 days in the background. Later starts find a cursor and skip this.
const REAL_HISTORY_DAYS = 30;

export async function catchUpNewConnections(db: PrismaClient, deps: PullDeps, options: { waitForDemo: boolean }) {
  const connections = await db.providerConnection.findMany({ where: { enabled: true } });
  const fresh = connections.filter((c) => readCursor(c.syncCursor).completeThroughMs === undefined);
  for (const c of fresh) {
    const run = async () => {
      const now = Date.now();
      await pullConnection(db, c.id, 'keys', now, deps);
      const days = c.demo ? DEMO_HISTORY_DAYS : REAL_HISTORY_DAYS;
      const bar = c.demo && options.waitForDemo ? progressBar(`loading ${c.name}`) : undefined;
      const result = await backfillConnection(db, c.id, now - days * DAY, now, deps, {
        onProgress: (p) => bar?.update(p.done, p.total, new Date(p.window.startMs).toISOString().slice(0, 10)),
      });
      bar?.done(`${c.name}: ${days} days of usage loaded (${result.written} buckets)`);
    };
    if (c.demo && options.waitForDemo) await run();
    else void run().catch((error: unknown) => logger.error('initial_backfill_failed', { connection: c.name, error: String(error) }));
  }
}
