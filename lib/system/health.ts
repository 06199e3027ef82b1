import type { PrismaClient } from '@/generated/prisma/client';
import type { Health } from '@/lib/usage/overview-schemas';
import { readHeartbeat, STALE_AFTER_MS } from './heartbeat';

export async function checkHealth(db: () => PrismaClient, nowMs: number): Promise<Health> {
  const started = performance.now();
  let client: PrismaClient;
  try {
    client = db();
    await client.$queryRaw`SELECT 1`;
  } catch (error) {
    return {
      status: 'down',
      database: { ok: false, latencyMs: null, error: error instanceof Error ? error.message.split('\n')[0] : 'unreachable' },
      scheduler: { ok: false, lastHeartbeatAt: null, detail: 'unknown: the database is unreachable' },
      connections: [],
    };
  }
  const latencyMs = Math.round(performance.now() - started);
  const beat = await readHeartbeat(client);
  const age = beat ? nowMs - Date.parse(beat.at) : null;
  const schedulerOk = age !== null && age < STALE_AFTER_MS;
  const detail =
    age === null ? 'no heartbeat yet: the scheduler has not run' : schedulerOk ? `last heartbeat ${Math.round(age / 1000)} s ago` : `stale: last heartbeat ${Math.round(age / 60_000)} min ago`;
  const connections = (
    await client.providerConnection.findMany({
      where: { enabled: true },
      select: { name: true, provider: true, syncStatus: true, lastSuccessAt: true, lastError: true },
      orderBy: { name: 'asc' },
    })
  ).map((c) => ({
    name: c.name,
    provider: c.provider,
    ok: c.syncStatus !== 'error',
    lastSuccessAt: c.lastSuccessAt?.toISOString() ?? null,
    error: c.syncStatus === 'error' ? c.lastError : null,
  }));
  return {
    status: schedulerOk && connections.every((c) => c.ok) ? 'ok' : 'degraded',
    database: { ok: true, latencyMs },
    scheduler: { ok: schedulerOk, lastHeartbeatAt: beat?.at ?? null, detail },
    connections,
  };
}
