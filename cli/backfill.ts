import { createPrisma } from '@/lib/db';
import { backfillConnection } from '@/lib/collect/backfill';
import { parseSince } from '@/lib/collect/windows';
import type { Env } from '@/lib/env';
import { PROVIDERS } from '@/lib/providers/registry';
import { openDatabase } from './open-database';
import { progressBar } from './progress-bar';

// npx burnrate backfill --connection <id or name> --since 30d
export async function backfill(env: Env, args: string[]): Promise<void> {
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const wanted = option('connection');
  const since = option('since') ?? '30d';
  if (!wanted) throw new Error('burnrate: usage: npx burnrate backfill --connection <id or name> [--since 30d]');
  const sinceMs = parseSince(since, Date.now());

  const database = await openDatabase(env);
  const db = createPrisma(database.url, 4);
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  try {
    const connections = await db.providerConnection.findMany({ select: { id: true, name: true, demo: true } });
    const connection = connections.find((c) => c.id === wanted || c.name === wanted);
    if (!connection) {
      const known = connections.map((c) => `"${c.name}" (${c.id})`).join(', ') || 'none yet';
      throw new Error(`burnrate: no connection "${wanted}"; known connections: ${known}`);
    }
    if (connection.demo) throw new Error(`burnrate: "${connection.name}" is the demo's connection; npm start backfills it itself`);
    const bar = progressBar(`backfill ${connection.name}`);
    const result = await backfillConnection(db, connection.id, sinceMs, Date.now(), { providers: PROVIDERS }, {
      signal: abort.signal,
      onProgress: (p) => bar.update(p.done, p.total, `${new Date(p.window.startMs).toISOString().slice(0, 10)} · ${p.written} buckets`),
    });
    bar.done(
      result.interrupted
        ? `backfill interrupted after ${result.windows} windows; run the same command again to resume`
        : `backfill done: ${result.windows} windows, ${result.written} buckets written${result.resumedFrom ? ` (resumed from ${new Date(result.resumedFrom).toISOString()})` : ''}`,
    );
  } finally {
    process.removeListener('SIGINT', onSignal);
    await db.$disconnect();
    await database.stop();
  }
}
