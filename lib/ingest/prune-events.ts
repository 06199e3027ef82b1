import type { PrismaClient } from '@/generated/prisma/client';
import { MAX_CLOCK_SKEW_MS, MAX_EVENT_AGE_MS } from './event-schema';

// ingest_event rows exist only to recognise re-sent events. Events older than 7 days are
// refused at the door (lib/ingest/event-schema.ts), so a row received more than 8 days ago
// can no longer meet a duplicate: one day of margin over the 7-day window and the 5-minute
// clock skew. Usage totals live in usage_bucket and are untouched.
export const INGEST_EVENT_RETENTION_MS = 8 * 86_400_000;
const BATCH = 10_000; // short transactions: each delete holds its row locks only briefly

export async function pruneIngestEvents(
  db: Pick<PrismaClient, '$executeRaw'>,
  now: number,
  retentionMs = INGEST_EVENT_RETENTION_MS,
): Promise<{ deleted: number }> {
  if (retentionMs < MAX_EVENT_AGE_MS + MAX_CLOCK_SKEW_MS) {
    throw new Error(`burnrate: ingest events must be kept longer than the 7-day deduplication window (got ${retentionMs} ms)`);
  }
  const cutoff = new Date(now - retentionMs);
  let deleted = 0;
  for (;;) {
    const n = await db.$executeRaw`
      DELETE FROM ingest_event WHERE id IN (
        SELECT id FROM ingest_event WHERE received_at < ${cutoff} ORDER BY received_at LIMIT ${BATCH})`;
    deleted += n;
    if (n < BATCH) return { deleted };
  }
}
