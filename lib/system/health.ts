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
    };
  }
  const latencyMs = Math.round(performance.now() - started);
  const beat = await readHeartbeat(client);
  const age = beat ? nowMs - Date.parse(beat.at) : null;
  const schedulerOk = age !== null && age < STALE_AFTER_MS;
  const detail =
    age === null ? 'no heartbeat yet: the scheduler has not run' : schedulerOk ? `last heartbeat ${Math.round(age / 1000)} s ago` : `stale: last heartbeat ${Math.round(age / 60_000)} min ago`;
  return {
    status: schedulerOk ? 'ok' : 'degraded',
    database: { ok: true, latencyMs },
    scheduler: { ok: schedulerOk, lastHeartbeatAt: beat?.at ?? null, detail },
  };
}
