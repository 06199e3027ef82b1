import { createPrisma } from '@/lib/db';
import { upsertUsageBuckets, type UsageBucketInput } from '@/lib/usage/upsert-usage-buckets';
import type { BenchCluster } from './bench-cluster';
import type { BenchKey } from './bench-keys';
import { median, perSecond, round } from './stats';

// What keeping the roll-ups costs the writers: the product's upsert (5,000-row batches) of
// provider minute buckets, their re-sent revision, and ingest's additive writes, into a
// database with the roll-up triggers and a clone of it without them, alternating rounds.

const MINUTE = 60_000;

function minuteRows(keys: BenchKey[], minutes: number, startMs: number, scale: number, source: 'provider' | 'ingest'): UsageBucketInput[] {
  return keys.flatMap((k, i) =>
    Array.from({ length: minutes }, (_, m): UsageBucketInput => ({
      keyId: k.id, bucketStart: new Date(startMs + m * MINUTE), widthSeconds: 60, model: k.models[0]!, region: source === 'ingest' ? 'US' : '', source,
      requests: 1 + ((i + m) % 7), inputTokens: 900 * scale, cachedInputTokens: 50, cacheWriteTokens: 0, outputTokens: 120 * scale,
      costUsd: 0.0031 * scale * (1 + (m % 5)), costSource: source === 'ingest' ? 'reported' : 'priced',
    })),
  );
}

export type WriteCost = { rows: number; withTriggersRowsPerSec: number; withoutTriggersRowsPerSec: number; overhead: number };

export async function measureWriteCost(cluster: BenchCluster, keys: BenchKey[], rounds: number, log: (line: string) => void): Promise<Record<string, WriteCost>> {
  const sample = keys.slice(0, 500);
  await cluster.createMigrated('writes_template', sample);
  const kinds = ['provider insert', 'provider revision', 'ingest add'] as const;
  const rates: Record<string, { on: number[]; off: number[] }> = Object.fromEntries(kinds.map((k) => [k, { on: [], off: [] }]));
  let rows = 0;
  for (let r = 0; r < rounds; r++) {
    for (const triggers of ['on', 'off'] as const) {
      const name = `writes_${triggers}_${r}`;
      await cluster.clone(name, 'writes_template');
      const db = createPrisma(cluster.url(name), 2);
      try {
        if (triggers === 'off') await db.$executeRawUnsafe('ALTER TABLE usage_bucket DISABLE TRIGGER USER');
        const start = Date.parse('2026-03-02T00:00:00Z') + r * 7 * 24 * 60 * MINUTE;
        const batches = {
          'provider insert': minuteRows(sample, 100, start, 1, 'provider'),
          'provider revision': minuteRows(sample, 100, start, 2, 'provider'),
          'ingest add': minuteRows(sample, 100, start, 1, 'ingest'),
        };
        for (const kind of kinds) {
          const input = batches[kind];
          rows = input.length;
          const t = performance.now();
          await upsertUsageBuckets(db, input, kind === 'ingest add' ? 'add' : 'replace');
          rates[kind]![triggers].push(perSecond(input.length, performance.now() - t));
        }
      } finally {
        await db.$disconnect();
        await cluster.drop(name);
      }
    }
    log(`write cost: round ${r + 1}/${rounds}`);
  }
  await cluster.drop('writes_template');
  return Object.fromEntries(
    kinds.map((k) => {
      const on = median(rates[k]!.on);
      const off = median(rates[k]!.off);
      return [k, { rows, withTriggersRowsPerSec: round(on), withoutTriggersRowsPerSec: round(off), overhead: round(off / on, 2) }];
    }),
  );
}
