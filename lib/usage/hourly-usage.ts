import { Prisma, type PrismaClient } from '@/generated/prisma/client';
import type { HourColumns } from '@/lib/keys/expected-band';
import type { UsageSubject } from '@/lib/keys/usage-subject';

// A key's (or an environment's) usage per UTC hour from the usage_hour roll-up, with the
// source rule of lib/keys/usage-subject.ts: per key, the provider's figures when the key has
// any provider rows in [fromMs, toMs), else the ingested ones. One index range scan per key
// (of a covering index: a key's hours sit together there, not in the table): no plan here
// depends on table statistics. A key has one row per hour, so its query has no GROUP BY
// (hashing 2,832 hours was half the query's time); an environment sums its keys per hour.
// The hours come back as one value: per hour its number since 1970 (int4) and cost, requests
// and tokens (float8), 28 bytes in Postgres' binary send format (big-endian). As 2,832 rows
// of text, parsing each value and an object per row were most of the key chart's time.

const HOUR = 3_600_000;
const BYTES_PER_HOUR = 28;

/** Every hour of [fromMs, toMs) (hour starts), silent ones as zeros. */
export async function hourlyUsage(db: PrismaClient, subject: UsageSubject, fromMs: number, toMs: number): Promise<HourColumns> {
  if (fromMs % HOUR !== 0 || toMs % HOUR !== 0) throw new Error(`hourlyUsage: ${fromMs} and ${toMs} must be hour starts`);
  const window = Prisma.sql`u.hour >= ${new Date(fromMs)} AND u.hour < ${new Date(toMs)}`;
  // Only columns of the covering primary key, so the inner selects are index-only scans.
  const hours = 'keyId' in subject
    ? Prisma.sql`
        SELECT h.hour,
               CASE WHEN h.provider THEN h.provider_cost_usd ELSE h.ingest_cost_usd END AS cost,
               CASE WHEN h.provider THEN h.provider_requests ELSE h.ingest_requests END AS requests,
               CASE WHEN h.provider THEN h.provider_tokens ELSE h.ingest_tokens END AS tokens
        FROM (
          SELECT u.hour, u.provider_cost_usd, u.provider_requests, u.provider_tokens, u.ingest_cost_usd, u.ingest_requests, u.ingest_tokens,
                 bool_or(u.provider_buckets > 0) OVER () AS provider
          FROM usage_hour u
          WHERE u.key_id = ${subject.keyId}::uuid AND ${window}
        ) h`
    : Prisma.sql`
        SELECT h.hour,
               sum(CASE WHEN h.provider THEN h.provider_cost_usd ELSE h.ingest_cost_usd END) AS cost,
               sum(CASE WHEN h.provider THEN h.provider_requests ELSE h.ingest_requests END) AS requests,
               sum(CASE WHEN h.provider THEN h.provider_tokens ELSE h.ingest_tokens END) AS tokens
        FROM (
          SELECT u.key_id, u.hour, u.provider_cost_usd, u.provider_requests, u.provider_tokens, u.ingest_cost_usd, u.ingest_requests, u.ingest_tokens,
                 bool_or(u.provider_buckets > 0) OVER (PARTITION BY u.key_id) AS provider
          FROM usage_hour u
          WHERE u.key_id IN (SELECT id FROM api_key WHERE environment = ${subject.environment}) AND ${window}
        ) h
        GROUP BY h.hour`;
  const [row] = await db.$queryRaw<{ packed: Uint8Array | null }[]>`
    SELECT string_agg(int4send((date_part('epoch', x.hour) / 3600)::int) || float8send(x.cost::float8)
                      || float8send(x.requests::float8) || float8send(x.tokens::float8), ''::bytea) AS packed
    FROM (${hours}) x`;
  const n = (toMs - fromMs) / HOUR;
  const columns: HourColumns = { fromMs, cost: new Float64Array(n), requests: new Float64Array(n), tokens: new Float64Array(n) };
  const packed = row?.packed;
  if (!packed) return columns;
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const firstHour = fromMs / HOUR;
  for (let at = 0; at < packed.byteLength; at += BYTES_PER_HOUR) {
    const i = view.getInt32(at) - firstHour;
    columns.cost[i] = view.getFloat64(at + 4);
    columns.requests[i] = view.getFloat64(at + 12);
    columns.tokens[i] = view.getFloat64(at + 20);
  }
  return columns;
}
