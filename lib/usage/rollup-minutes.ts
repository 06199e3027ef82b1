import type { PrismaClient } from '@/generated/prisma/client';
import { ADD_TO_EXISTING } from './upsert-usage-buckets';

// Moves minute buckets older than `boundary` into hour buckets, in one statement (so one
// transaction): summed per key, hour, model, region and source, added to any hour row.
// Nothing writes minute buckets before the boundary (lib/collect/windows.ts), so adding
// never counts a minute twice.
export async function rollupMinutes(db: Pick<PrismaClient, '$executeRaw'>, boundary: Date): Promise<{ hours: number }> {
  const hours = await db.$executeRaw`
    WITH moved AS (
      DELETE FROM usage_bucket WHERE width_seconds = 60 AND bucket_start < ${boundary} RETURNING *
    )
    INSERT INTO usage_bucket (key_id, bucket_start, width_seconds, model, region, source, requests,
      input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, cost_usd, cost_source, updated_at)
    SELECT key_id, date_trunc('hour', bucket_start), 3600, model, region, source, sum(requests),
      sum(input_tokens), sum(cached_input_tokens), sum(cache_write_tokens), sum(output_tokens), sum(cost_usd),
      (CASE WHEN count(DISTINCT cost_source) = 1 THEN min(cost_source::text) ELSE 'priced' END)::"CostSource", now()
    FROM moved
    GROUP BY key_id, date_trunc('hour', bucket_start), model, region, source
    ON CONFLICT (key_id, bucket_start, width_seconds, model, region, source) DO UPDATE SET ${ADD_TO_EXISTING}`;
  return { hours };
}
