import { z } from 'zod';
import type { PrismaClient } from '@/generated/prisma/client';

// The scheduler proves it is alive by running a job that writes this row; /api/health
// reads it. A heartbeat older than STALE_AFTER_MS means jobs are not running.
export const HEARTBEAT_KEY = 'scheduler.heartbeat';
export const STALE_AFTER_MS = 3 * 60_000;

export const heartbeatSchema = z.object({ at: z.string(), pid: z.number().int(), startedAt: z.string() });
export type Heartbeat = z.infer<typeof heartbeatSchema>;

export async function writeHeartbeat(db: PrismaClient, beat: Heartbeat) {
  await db.setting.upsert({ where: { key: HEARTBEAT_KEY }, create: { key: HEARTBEAT_KEY, value: beat }, update: { value: beat } });
}

export async function readHeartbeat(db: PrismaClient): Promise<Heartbeat | null> {
  const row = await db.setting.findUnique({ where: { key: HEARTBEAT_KEY } });
  const parsed = heartbeatSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}
