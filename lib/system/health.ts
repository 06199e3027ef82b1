import type { PrismaClient } from '@/generated/prisma/client';
import type { Health } from '@/lib/usage/overview-schemas';
import { MAX_LAG_MS, readDetectCursor } from '@/lib/detect/run/detect-cursor';
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
      detection: { ok: false, throughAt: null, rebuilding: false, detail: 'unknown: the database is unreachable' },
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
  const detection = await checkDetection(client, nowMs);
  return {
    status: schedulerOk && detection.ok && connections.every((c) => c.ok) ? 'ok' : 'degraded',
    database: { ok: true, latencyMs },
    scheduler: { ok: schedulerOk, lastHeartbeatAt: beat?.at ?? null, detail },
    detection,
    connections,
  };
}

/**
 * Detection is healthy when its last run succeeded and it has judged usage up to a few minutes
 * ago (the providers' buckets arrive minutes late; a failing provider holds it back at most
 * MAX_LAG_MS). A rebuild of the baselines (after a restart with no usable saved state) pages
 * nothing until done: degraded, and said so.
 */
async function checkDetection(db: PrismaClient, nowMs: number): Promise<Health['detection']> {
  const [throughMs, last] = await Promise.all([
    readDetectCursor(db),
    db.jobRun.findFirst({ where: { job: 'detect', status: { not: 'running' } }, orderBy: { startedAt: 'desc' }, select: { status: true, detail: true } }),
  ]);
  const throughAt = throughMs === null ? null : new Date(throughMs).toISOString();
  const rebuilding = last?.status === 'succeeded' && (last.detail as { rebuilding?: unknown } | null)?.rebuilding === true;
  if (!last) return { ok: true, throughAt, rebuilding: false, detail: 'waiting for its first run' };
  // The error stays in the log: this answer is public.
  if (last.status === 'failed') return { ok: false, throughAt, rebuilding: false, detail: 'the last run failed (see the server log)' };
  if (rebuilding) return { ok: false, throughAt, rebuilding, detail: 'rebuilding the baselines after a restart; pages resume when done' };
  const behindMs = throughMs === null ? Infinity : nowMs - throughMs;
  if (behindMs > DETECTION_BEHIND_MS) return { ok: false, throughAt, rebuilding, detail: throughMs === null ? 'no usage judged yet' : `${Math.round(behindMs / 60_000)} min behind` };
  const minutes = Math.floor(behindMs / 60_000);
  return { ok: true, throughAt, rebuilding, detail: `usage judged up to ${minutes < 1 ? 'the last minute' : `${minutes} min ago`}` };
}

/** How far behind detection may fall before health says so: the lag a failing provider may cause, and five minutes. */
export const DETECTION_BEHIND_MS = MAX_LAG_MS + 5 * 60_000;
