import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PrismaClient } from '@/generated/prisma/client';
import { upsertUsageBuckets } from '@/lib/usage/upsert-usage-buckets';
import type { BenchRow, Delivery } from './usage-rows';

// The three ways of writing the same deliveries, one call per delivery (a provider pull or
// an ingest flush), each call its own transaction. Each returns the rows it was handed.

export type WriteTarget = { prisma: PrismaClient; pg: pg.Client };
export type WriteMethod = { name: string; write: (t: WriteTarget, deliveries: Delivery[]) => Promise<number> };

const everything = (d: Delivery) => [...d.fresh, ...d.again];

// Ours: INSERT ... SELECT FROM unnest ... ON CONFLICT DO UPDATE ('replace': a re-sent row with
// the same figures matches the IS DISTINCT FROM guard and is left alone).
export const upsertMethod: WriteMethod = {
  name: 'upsertUsageBuckets',
  async write({ prisma }, deliveries) {
    let rows = 0;
    for (const d of deliveries) {
      const batch = everything(d);
      await upsertUsageBuckets(prisma, batch, 'replace');
      rows += batch.length;
    }
    return rows;
  },
};

// The baseline: Prisma's createMany over the same deliveries. skipDuplicates (ON CONFLICT DO
// NOTHING) is the only way it survives re-deliveries; unlike the upsert it would drop revised
// figures, so it does strictly less work per re-sent row.
export const createManyMethod: WriteMethod = {
  name: 'createMany (skipDuplicates)',
  async write({ prisma }, deliveries) {
    let rows = 0;
    for (const d of deliveries) {
      const batch = everything(d);
      await prisma.usageBucket.createMany({
        data: batch.map((r) => ({
          keyId: r.keyId,
          bucketStart: r.bucketStart,
          widthSeconds: r.widthSeconds,
          model: r.model,
          region: r.region,
          source: r.source,
          requests: r.requests,
          inputTokens: r.inputTokens,
          cachedInputTokens: r.cachedInputTokens,
          cacheWriteTokens: r.cacheWriteTokens,
          outputTokens: r.outputTokens,
          costUsd: r.costText,
          costSource: r.costSource,
        })),
        skipDuplicates: true,
      });
      rows += batch.length;
    }
    return rows;
  },
};

const COPY_SQL = `COPY usage_bucket (key_id, bucket_start, width_seconds, model, region, source, requests,
  input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, cost_usd, cost_source) FROM STDIN`;
const COPY_PIECE = 1_000; // rows per stream chunk

// COPY's text format: backslash, tab and newline must be escaped in values.
const copyText = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));

function* copyLines(rows: BenchRow[]): Generator<string> {
  for (let i = 0; i < rows.length; i += COPY_PIECE) {
    let text = '';
    for (const r of rows.slice(i, i + COPY_PIECE)) {
      text += `${r.keyId}\t${r.bucketStart.toISOString()}\t${r.widthSeconds}\t${copyText(r.model)}\t${copyText(r.region)}\t${r.source}\t${r.requests}\t`;
      text += `${r.inputTokens}\t${r.cachedInputTokens}\t${r.cacheWriteTokens}\t${r.outputTokens}\t${r.costText}\t${r.costSource}\n`;
    }
    yield text;
  }
}

// The ceiling: plain COPY of the new rows only (COPY cannot skip or merge a re-sent row).
export const copyMethod: WriteMethod = {
  name: 'COPY (unique rows)',
  async write({ pg }, deliveries) {
    let rows = 0;
    for (const d of deliveries) {
      await pipeline(Readable.from(copyLines(d.fresh)), pg.query(copyFrom(COPY_SQL)));
      rows += d.fresh.length;
    }
    return rows;
  },
};
