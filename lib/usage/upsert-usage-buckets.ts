import { Prisma } from '@/generated/prisma/client';
import type { PrismaClient } from '@/generated/prisma/client';

// Bulk, idempotent writes of usage buckets: one INSERT ... SELECT FROM unnest(...) per batch
// of 5,000, each column sent as ONE parameter holding a Postgres array literal (a JS array
// is walked element by element by Prisma, the adapter and pg). See BENCHMARKS.md.
// `replace` (provider pulls): re-sending a bucket replaces its figures, since providers
// revise recent buckets. `add` (ingest, roll-ups): each call carries only new usage.

export type UsageBucketInput = {
  keyId: string;
  bucketStart: Date;
  widthSeconds: 60 | 3600 | 86400;
  model: string;
  region: string; // ISO country or "" when unknown
  source: 'provider' | 'ingest';
  requests: number;
  inputTokens: number; // uncached
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  costUsd: number;
  costSource: 'provider' | 'priced' | 'reported' | 'none';
};

const BATCH = 5_000;

const REPLACE = Prisma.sql`
        requests = EXCLUDED.requests,
        input_tokens = EXCLUDED.input_tokens,
        cached_input_tokens = EXCLUDED.cached_input_tokens,
        cache_write_tokens = EXCLUDED.cache_write_tokens,
        output_tokens = EXCLUDED.output_tokens,
        cost_usd = EXCLUDED.cost_usd,
        cost_source = EXCLUDED.cost_source,
        updated_at = now()
      WHERE (usage_bucket.requests, usage_bucket.input_tokens, usage_bucket.cached_input_tokens, usage_bucket.cache_write_tokens,
             usage_bucket.output_tokens, usage_bucket.cost_usd, usage_bucket.cost_source)
        IS DISTINCT FROM (EXCLUDED.requests, EXCLUDED.input_tokens, EXCLUDED.cached_input_tokens, EXCLUDED.cache_write_tokens,
             EXCLUDED.output_tokens, EXCLUDED.cost_usd, EXCLUDED.cost_source)`;

export const ADD_TO_EXISTING = Prisma.sql`
        requests = usage_bucket.requests + EXCLUDED.requests,
        input_tokens = usage_bucket.input_tokens + EXCLUDED.input_tokens,
        cached_input_tokens = usage_bucket.cached_input_tokens + EXCLUDED.cached_input_tokens,
        cache_write_tokens = usage_bucket.cache_write_tokens + EXCLUDED.cache_write_tokens,
        output_tokens = usage_bucket.output_tokens + EXCLUDED.output_tokens,
        cost_usd = usage_bucket.cost_usd + EXCLUDED.cost_usd,
        cost_source = CASE WHEN usage_bucket.cost_source = EXCLUDED.cost_source THEN EXCLUDED.cost_source ELSE 'priced'::"CostSource" END,
        updated_at = now()`;

const naturalKey = (r: UsageBucketInput) => `${r.keyId}|${r.bucketStart.toISOString()}|${r.widthSeconds}|${r.model}|${r.region}|${r.source}`;

// Rows in natural-key order. Each key is built once: rebuilding two per comparison cost
// more than the database work (BENCHMARKS.md).
export function sortByNaturalKey<T extends UsageBucketInput>(input: T[]): T[] {
  const keyed = input.map((row) => ({ key: naturalKey(row), row }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.row);
}

// `{"a","b"}`: quoted, so empty strings, commas and braces survive; `"` and `\` escaped.
const textArray = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
// Numbers, uuids, ISO timestamps and enum labels hold nothing that needs quoting.
const plainArray = (values: (string | number)[]) => `{${values.join(',')}}`;

export async function upsertUsageBuckets(
  db: Pick<PrismaClient, '$executeRaw'>,
  input: UsageBucketInput[],
  mode: 'replace' | 'add' = 'replace',
): Promise<number> {
  // Additive writers (ingest batches) run concurrently on the same rows: sorted, they take
  // row locks in one order and cannot deadlock. Replacing writers (provider pulls) hold the
  // connection's advisory lock, so they skip the sort (about 8% of the time).
  const rows = mode === 'add' ? sortByNaturalKey(input) : input;
  let written = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const col = (f: (r: UsageBucketInput) => string | number) => plainArray(batch.map(f));
    const text = (f: (r: UsageBucketInput) => string) => textArray(batch.map(f));
    written += await db.$executeRaw`
      INSERT INTO usage_bucket (key_id, bucket_start, width_seconds, model, region, source, requests,
        input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, cost_usd, cost_source, updated_at)
      SELECT u.key_id, u.bucket_start, u.width_seconds, u.model, u.region, u.source, u.requests,
        u.input_tokens, u.cached_input_tokens, u.cache_write_tokens, u.output_tokens, u.cost_usd, u.cost_source, now()
      FROM unnest(
        ${col((r) => r.keyId)}::uuid[], ${col((r) => r.bucketStart.toISOString())}::timestamptz[],
        ${col((r) => r.widthSeconds)}::int[], ${text((r) => r.model)}::text[], ${text((r) => r.region)}::text[],
        ${col((r) => r.source)}::"UsageSource"[], ${col((r) => r.requests)}::int[],
        ${col((r) => Math.round(r.inputTokens))}::bigint[], ${col((r) => Math.round(r.cachedInputTokens))}::bigint[],
        ${col((r) => Math.round(r.cacheWriteTokens))}::bigint[], ${col((r) => Math.round(r.outputTokens))}::bigint[],
        ${col((r) => r.costUsd.toFixed(8))}::numeric[], ${col((r) => r.costSource)}::"CostSource"[]
      ) AS u(key_id, bucket_start, width_seconds, model, region, source, requests,
             input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, cost_usd, cost_source)
      ON CONFLICT (key_id, bucket_start, width_seconds, model, region, source) DO UPDATE SET ${mode === 'add' ? ADD_TO_EXISTING : REPLACE}`;
  }
  return written;
}
