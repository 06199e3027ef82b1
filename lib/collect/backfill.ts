import type { PrismaClient } from '@/generated/prisma/client';
import type { UsageWindow } from '@/lib/providers/provider';
import { analyzeUsage } from '@/lib/usage/analyze-usage';
import { connectionAccess } from './connection-access';
import { pullWindow, withConnectionLock, type PullDeps } from './pull-connection';
import { readCursor } from './sync-cursor';
import { backfillPlan, DAY } from './windows';

// Pulls history window by window, saving progress after each, so an interrupted backfill
// resumes where it stopped (same `since`). Each window holds the connection lock only while
// it is pulled, so the minute pull keeps running alongside.

export type BackfillProgress = { done: number; total: number; window: UsageWindow; written: number };

const CHUNKS = { hour: 7 * DAY, minute: DAY };

export async function backfillConnection(
  db: PrismaClient,
  connectionId: string,
  sinceMs: number,
  nowMs: number,
  deps: PullDeps,
  options: { onProgress?: (p: BackfillProgress) => void; signal?: AbortSignal } = {},
): Promise<{ windows: number; written: number; resumedFrom: number | null; interrupted: boolean }> {
  const connection = await db.providerConnection.findUniqueOrThrow({ where: { id: connectionId } });
  const provider = deps.providers[connection.provider];
  const access = await connectionAccess(db, connection, deps.env);
  const plan = backfillPlan(sinceMs, nowMs, CHUNKS);
  const saved = readCursor(connection.syncCursor).backfill;
  const resumedFrom = saved && saved.sinceMs === plan[0]?.startMs ? saved.doneThroughMs : null;
  let written = 0;
  for (const [i, window] of plan.entries()) {
    if (options.signal?.aborted) return { windows: i, written, resumedFrom, interrupted: true };
    if (resumedFrom === null || window.endMs > resumedFrom) {
      const result = await withConnectionLock(db, connectionId, () => pullWindow(db, connection, provider, access, window, deps.retry));
      written += result.written;
      await updateCursor(db, connectionId, (c) => ({ ...c, backfill: { sinceMs: plan[0]!.startMs, doneThroughMs: window.endMs } }));
    }
    options.onProgress?.({ done: i + 1, total: plan.length, window, written });
  }
  if (written > 0) await analyzeUsage(db);
  const endMs = plan.at(-1)?.endMs ?? nowMs;
  await updateCursor(db, connectionId, ({ backfill: _done, ...c }) => ({ ...c, completeThroughMs: Math.max(c.completeThroughMs ?? 0, endMs) }));
  return { windows: plan.length, written, resumedFrom, interrupted: false };
}

async function updateCursor(db: PrismaClient, connectionId: string, change: (c: ReturnType<typeof readCursor>) => ReturnType<typeof readCursor>) {
  const current = readCursor((await db.providerConnection.findUniqueOrThrow({ where: { id: connectionId }, select: { syncCursor: true } })).syncCursor);
  await db.providerConnection.update({ where: { id: connectionId }, data: { syncCursor: change(current) } });
}
