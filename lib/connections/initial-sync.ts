import type { PrismaClient } from '@/generated/prisma/client';
import { backfillConnection } from '@/lib/collect/backfill';
import { pullConnection, type PullDeps } from '@/lib/collect/pull-connection';
import { MINUTE_RETENTION_MS } from '@/lib/collect/windows';
import { logger } from '@/lib/log';

// What `burnrate start` gives a new connection (cli/catch-up.ts), for one added while the
// server runs: its keys at once, then recent history. The scheduler's minute pull would
// only read the last hour, so without this the detectors would have no baseline for days.
// Bounded to the minute retention (8 days): enough for every detector's baseline, quick to
// read; older history is `npx burnrate backfill --since 30d`.
export const INITIAL_HISTORY_MS = MINUTE_RETENTION_MS;

export async function initialSync(db: PrismaClient, connectionId: string, nowMs: number, deps: PullDeps) {
  await pullConnection(db, connectionId, 'keys', nowMs, deps);
  return backfillConnection(db, connectionId, nowMs - INITIAL_HISTORY_MS, nowMs, deps);
}

/** Runs initialSync in the background; a failure is logged and shows on the connection at its next pull. */
export async function initialSyncInBackground(db: PrismaClient, connectionId: string, nowMs: number, deps: PullDeps): Promise<void> {
  try {
    const result = await initialSync(db, connectionId, nowMs, deps);
    logger.info('initial_sync_finished', { connectionId, windows: result.windows, buckets: result.written });
  } catch (error) {
    logger.error('initial_sync_failed', { connectionId, error: error instanceof Error ? error.message : String(error) });
  }
}
