import { Prisma } from '@/generated/prisma/client';

// Whose usage a key or environment page reads, and the one rule that keeps it from being
// counted twice: a key's figures come from the provider when the key has any provider
// rows in the window, else from ingested events (a gateway describes the same requests the
// provider counts, so the two are never added). Minute and hour rows never overlap: an
// hour of one key is held at exactly one width (lib/collect/windows.ts).

export type UsageSubject = { keyId: string } | { environment: string };

/** Rows of `u` (usage_bucket) that belong to the subject. */
export function subjectRows(subject: UsageSubject): Prisma.Sql {
  return 'keyId' in subject
    ? Prisma.sql`u.key_id = ${subject.keyId}::uuid`
    : Prisma.sql`u.key_id IN (SELECT id FROM api_key WHERE environment = ${subject.environment})`;
}

/**
 * A `chosen (key_id, source)` CTE body: per key of the subject, the source to read in
 * [fromMs, toMs). Join usage rows on both columns to count each request once.
 */
export function chosenSources(subject: UsageSubject, fromMs: number, toMs: number): Prisma.Sql {
  return Prisma.sql`
    SELECT u.key_id, (CASE WHEN bool_or(u.source = 'provider') THEN 'provider' ELSE 'ingest' END)::"UsageSource" AS source
    FROM usage_bucket u
    WHERE ${subjectRows(subject)} AND u.bucket_start >= ${new Date(fromMs)} AND u.bucket_start < ${new Date(toMs)}
    GROUP BY u.key_id`;
}

export const TOKENS_SQL = Prisma.sql`(u.input_tokens + u.cached_input_tokens + u.cache_write_tokens + u.output_tokens)`;
