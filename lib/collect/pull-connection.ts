import type { PrismaClient, ProviderConnection } from '@/generated/prisma/client';
import { logger } from '@/lib/log';
import { ProviderError, type ConnectionAccess, type Provider, type UsageWindow } from '@/lib/providers/provider';
import { connectionAccess } from './connection-access';
import { demoAwarePlacement } from './placement';
import { storeUsage } from './store-usage';
import { readCursor } from './sync-cursor';
import { syncKeys } from './sync-keys';
import { withRetries, type RetryOptions } from './with-retries';
import { recentWindow, rereadWindow } from './windows';

// One collection step for one connection. Every step holds the connection's advisory lock,
// so two workers (or a worker and a backfill) never pull the same connection at once.

export type PullMode = 'recent' | 'reread' | 'keys';

export type PullDeps = {
  providers: Record<ProviderConnection['provider'], Provider>;
  env?: Record<string, string | undefined>;
  retry?: RetryOptions;
};

export async function withConnectionLock<T>(db: PrismaClient, connectionId: string, work: () => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`burnrate:connection:${connectionId}`}))`;
      return work();
    },
    { maxWait: 10_000, timeout: 30 * 60_000 },
  );
}

export async function pullConnection(db: PrismaClient, connectionId: string, mode: PullMode, nowMs: number, deps: PullDeps) {
  return withConnectionLock(db, connectionId, async () => {
    const connection = await db.providerConnection.findUniqueOrThrow({ where: { id: connectionId } });
    if (!connection.enabled) return { skipped: 'disabled' };
    const provider = deps.providers[connection.provider];
    try {
      const access = await connectionAccess(db, connection, deps.env);
      const place = demoAwarePlacement(connection);
      let detail: Record<string, unknown>;
      if (mode === 'keys') {
        detail = await syncKeys(db, connection, await withRetries(() => provider.listKeys(access), deps.retry), place);
      } else {
        const cursor = readCursor(connection.syncCursor);
        const window = mode === 'recent' ? recentWindow(nowMs, cursor.completeThroughMs ?? null) : rereadWindow(nowMs);
        detail = await pullWindow(db, connection, provider, access, window, deps.retry);
        if (mode === 'recent') {
          const fresh = readCursor((await db.providerConnection.findUniqueOrThrow({ where: { id: connectionId } })).syncCursor);
          await db.providerConnection.update({ where: { id: connectionId }, data: { syncCursor: { ...fresh, completeThroughMs: window.endMs } } });
        }
      }
      await db.providerConnection.update({
        where: { id: connectionId },
        data: { syncStatus: 'ok', lastSyncAt: new Date(), lastSuccessAt: new Date(), lastError: null },
      });
      return detail;
    } catch (error) {
      await recordFailure(db, connectionId, error);
      throw error;
    }
  });
}

export async function pullWindow(
  db: PrismaClient,
  connection: ProviderConnection,
  provider: Provider,
  access: ConnectionAccess,
  window: UsageWindow,
  retry?: RetryOptions,
) {
  const rows = await withRetries(() => provider.fetchUsage(access, window), {
    ...retry,
    onRetry: (e, attempt, delayMs) => logger.warn('provider_retry', { connection: connection.name, kind: e.kind, attempt, delayMs }),
  });
  const stored = await storeUsage(db, connection, window, rows, demoAwarePlacement(connection));
  if (stored.unpriced.length) logger.warn('usage_unpriced_models', { connection: connection.name, models: stored.unpriced.join(',') });
  return { windowStart: new Date(window.startMs).toISOString(), widthSeconds: window.widthSeconds, ...stored };
}

// The connection shows what went wrong, in the provider's words. Connector messages never
// hold the credential; this is the one place they reach the database and /api/health.
async function recordFailure(db: PrismaClient, connectionId: string, error: unknown) {
  const message =
    error instanceof ProviderError ? `${error.kind}${error.status ? ` (HTTP ${error.status})` : ''}: ${error.message}` : error instanceof Error ? error.message : String(error);
  await db.providerConnection
    .update({ where: { id: connectionId }, data: { syncStatus: 'error', lastSyncAt: new Date(), lastError: message.slice(0, 500) } })
    .catch(() => undefined);
}
