import { Prisma, type PrismaClient } from '@/generated/prisma/client';
import type { HourColumns } from '@/lib/keys/expected-band';
import type { UsageSubject } from '@/lib/keys/usage-subject';

// A key's (or an environment's) usage per UTC hour from the usage_hour roll-up, with the
// source rule of lib/keys/usage-subject.ts: per key, the provider's figures when the key has
// any provider rows in [fromMs, toMs), else the ingested ones. One index range scan per key
// (of a covering index: a key's hours sit together there, not in the table): no plan here
// depends on table statistics. A key has one row per hour, so its query has no GROUP BY
// (hashing 2,832 hours was half the query's time); an environment sums its keys per hour.

const HOUR = 3_600_000;

type HourRow = { t: number; cost: number; requests: number; tokens: number };

/** Every hour of [fromMs, toMs) (hour starts), silent ones as zeros. */
export async function hourlyUsage(db: PrismaClient, subject: UsageSubject, fromMs: number, toMs: number): Promise<HourColumns> {
  if (fromMs % HOUR !== 0 || toMs % HOUR !== 0) throw new Error(`hourlyUsage: ${fromMs} and ${toMs} must be hour starts`);
  const window = Prisma.sql`u.hour >= ${new Date(fromMs)} AND u.hour < ${new Date(toMs)}`;
  // Only columns of the covering primary key, so the inner selects are index-only scans.
  const rows = await ('keyId' in subject
    ? db.$queryRaw<HourRow[]>`
        SELECT date_part('epoch', h.hour) * 1000 AS t,
               (CASE WHEN h.provider THEN h.provider_cost_usd ELSE h.ingest_cost_usd END)::float8 AS cost,
               (CASE WHEN h.provider THEN h.provider_requests ELSE h.ingest_requests END)::float8 AS requests,
               (CASE WHEN h.provider THEN h.provider_tokens ELSE h.ingest_tokens END)::float8 AS tokens
        FROM (
          SELECT u.hour, u.provider_cost_usd, u.provider_requests, u.provider_tokens, u.ingest_cost_usd, u.ingest_requests, u.ingest_tokens,
                 bool_or(u.provider_buckets > 0) OVER () AS provider
          FROM usage_hour u
          WHERE u.key_id = ${subject.keyId}::uuid AND ${window}
        ) h`
    : db.$queryRaw<HourRow[]>`
        SELECT date_part('epoch', h.hour) * 1000 AS t,
               sum(CASE WHEN h.provider THEN h.provider_cost_usd ELSE h.ingest_cost_usd END)::float8 AS cost,
               sum(CASE WHEN h.provider THEN h.provider_requests ELSE h.ingest_requests END)::float8 AS requests,
               sum(CASE WHEN h.provider THEN h.provider_tokens ELSE h.ingest_tokens END)::float8 AS tokens
        FROM (
          SELECT u.key_id, u.hour, u.provider_cost_usd, u.provider_requests, u.provider_tokens, u.ingest_cost_usd, u.ingest_requests, u.ingest_tokens,
                 bool_or(u.provider_buckets > 0) OVER (PARTITION BY u.key_id) AS provider
          FROM usage_hour u
          WHERE u.key_id IN (SELECT id FROM api_key WHERE environment = ${subject.environment}) AND ${window}
        ) h
        GROUP BY h.hour`);
  const n = (toMs - fromMs) / HOUR;
  const hours: HourColumns = { fromMs, cost: new Float64Array(n), requests: new Float64Array(n), tokens: new Float64Array(n) };
  for (const r of rows) {
    const i = (r.t - fromMs) / HOUR;
    hours.cost[i] = r.cost;
    hours.requests[i] = r.requests;
    hours.tokens[i] = r.tokens;
  }
  return hours;
}
