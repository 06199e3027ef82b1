import type { PrismaClient } from '@/generated/prisma/client';
import { readCursor } from '@/lib/collect/sync-cursor';
import { DETECT_BUCKET_SECONDS } from './load-observations';

// Where detection stands, and how far it may go. A minute is ready once every enabled
// connection has pulled past it; a connection that is failing holds detection back at
// most `maxLagMs`, so one broken provider does not blind Burnrate to the others (and to
// ingested usage).

const SETTING = 'detect.cursor';
const BUCKET_MS = DETECT_BUCKET_SECONDS * 1000;
export const MAX_LAG_MS = 10 * 60_000;

export async function readDetectCursor(db: PrismaClient): Promise<number | null> {
  const row = await db.setting.findUnique({ where: { key: SETTING } });
  const value = row?.value as { throughMs?: unknown } | undefined;
  return typeof value?.throughMs === 'number' ? value.throughMs : null;
}

export async function writeDetectCursor(db: PrismaClient, throughMs: number): Promise<void> {
  const value = { throughMs, at: new Date(throughMs).toISOString() };
  await db.setting.upsert({ where: { key: SETTING }, create: { key: SETTING, value }, update: { value } });
}

/** The end of the last minute every source has delivered, as of `now`. */
export async function readyThrough(db: PrismaClient, now: number): Promise<number> {
  const lastComplete = Math.floor(now / BUCKET_MS) * BUCKET_MS;
  const connections = await db.providerConnection.findMany({ where: { enabled: true }, select: { syncCursor: true } });
  let ready = lastComplete;
  for (const c of connections) ready = Math.min(ready, readCursor(c.syncCursor).completeThroughMs ?? 0);
  return Math.max(Math.floor(ready / BUCKET_MS) * BUCKET_MS, lastComplete - MAX_LAG_MS);
}
