import { Prisma, type PrismaClient } from '@/generated/prisma/client';
import type { UsageSubject } from '@/lib/keys/usage-subject';

// A key's (or an environment's) usage per UTC hour from the usage_hour roll-up, with the
// source rule of lib/keys/usage-subject.ts: per key, the provider's figures when the key has
// any provider rows in [fromMs, toMs), else the ingested ones. One index range scan per key
// (of a covering index: a key's hours sit together there, not in the table) and a window
// aggregate: no plan here depends on table statistics.

export type HourRow = { t: number; cost: number; requests: number; tokens: number };

export async function hourlyUsage(db: PrismaClient, subject: UsageSubject, fromMs: number, toMs: number): Promise<Map<number, HourRow>> {
  const keys = 'keyId' in subject ? Prisma.sql`u.key_id = ${subject.keyId}::uuid` : Prisma.sql`u.key_id IN (SELECT id FROM api_key WHERE environment = ${subject.environment})`;
  const rows = await db.$queryRaw<HourRow[]>`
    SELECT (extract(epoch FROM h.hour) * 1000)::float8 AS t,
           sum(CASE WHEN h.provider THEN h.provider_cost_usd ELSE h.ingest_cost_usd END)::float8 AS cost,
           sum(CASE WHEN h.provider THEN h.provider_requests ELSE h.ingest_requests END)::float8 AS requests,
           sum(CASE WHEN h.provider THEN h.provider_tokens ELSE h.ingest_tokens END)::float8 AS tokens
    FROM (
      -- Only columns of the covering primary key, so this is an index-only scan.
      SELECT u.key_id, u.hour, u.provider_cost_usd, u.provider_requests, u.provider_tokens, u.ingest_cost_usd, u.ingest_requests, u.ingest_tokens,
             bool_or(u.provider_buckets > 0) OVER (PARTITION BY u.key_id) AS provider
      FROM usage_hour u
      WHERE ${keys} AND u.hour >= ${new Date(fromMs)} AND u.hour < ${new Date(toMs)}
    ) h
    GROUP BY h.hour`;
  return new Map(rows.map((r) => [r.t, r]));
}
