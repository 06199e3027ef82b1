import type { UsageBucketInput } from '@/lib/usage/upsert-usage-buckets';
import type { BenchKey } from './bench-keys';
import { createPrng } from './prng';

// The rows every write method gets: minute buckets for a few hundred keys, several models
// and regions, tokens and costs from a seeded PRNG. Delivered in time order, in chunks; each
// chunk after the first also re-delivers rows from the recent window, unchanged, as a
// provider re-pull or a retried push does.

export type BenchRow = UsageBucketInput & { costText: string; costUnits: bigint }; // units of 1e-8 USD
export type Delivery = { fresh: BenchRow[]; again: BenchRow[] };
export type UsageTotals = { rows: number; requests: bigint; inputTokens: bigint; cachedInputTokens: bigint; cacheWriteTokens: bigint; outputTokens: bigint; costUnits: bigint };
export type UsageWorkload = { rows: BenchRow[]; deliveries: Delivery[]; delivered: number; redelivered: number; totals: UsageTotals };

const BUCKETS_FROM = Date.UTC(2026, 10, 1); // a fixed start keeps runs comparable
const RECENT_CHUNKS = 4; // re-deliveries come from the last few chunks' rows

// Price per token in 1e-8 USD: input, cached input, cache write, output. Made up but of the
// right size, so costs have realistic magnitudes and digits.
const PRICE: Record<string, [number, number, number, number]> = {
  'gpt-4o': [250, 125, 0, 1000],
  'gpt-4o-mini': [15, 7.5, 0, 60],
  'gpt-4.1': [200, 50, 0, 800],
  'gpt-4.1-mini': [40, 10, 0, 160],
  'o4-mini': [110, 27.5, 0, 440],
  'text-embedding-3-small': [2, 0, 0, 0],
  'claude-sonnet-4-5': [300, 30, 375, 1500],
  'claude-haiku-4-5': [100, 10, 125, 500],
  'claude-opus-4-1': [1500, 150, 1875, 7500],
};

export function formatCostUnits(units: bigint): string {
  const s = units.toString().padStart(9, '0');
  return `${s.slice(0, -8)}.${s.slice(-8)}`;
}

type Series = { key: BenchKey; model: string; region: string; source: 'provider' | 'ingest'; activity: number; rate: number };

export function generateUsageRows(keys: BenchKey[], count: number, seed: number): BenchRow[] {
  const prng = createPrng(seed);
  const series: Series[] = keys.flatMap((key) => {
    const source = prng.chance(0.8) ? 'provider' : 'ingest';
    return key.models.flatMap((model) =>
      key.regions.map((region) => ({ key, model, region, source, activity: 0.2 + 0.7 * prng.next(), rate: Math.max(1, prng.logNormal(4, 1.2)) }) as const),
    );
  });
  const rows: BenchRow[] = [];
  for (let minute = 0; rows.length < count; minute++) {
    const bucketStart = new Date(BUCKETS_FROM + minute * 60_000);
    for (const s of series) {
      if (rows.length === count) break;
      if (!prng.chance(s.activity)) continue;
      const requests = Math.max(1, Math.round(s.rate * (0.5 + prng.next())));
      const embedding = s.model.startsWith('text-embedding');
      const inputTokens = Math.round(requests * prng.logNormal(embedding ? 300 : 900, 0.9));
      const cachedInputTokens = !embedding && prng.chance(0.4) ? Math.round(inputTokens * 0.6 * prng.next()) : 0;
      const cacheWriteTokens = s.key.provider === 'anthropic' && prng.chance(0.3) ? Math.round(inputTokens * 0.2 * prng.next()) : 0;
      const outputTokens = embedding ? 0 : Math.round(requests * prng.logNormal(250, 0.8));
      const [pi, pc, pw, po] = PRICE[s.model] ?? [100, 10, 0, 400];
      const costUnits = BigInt(Math.round(inputTokens * pi + cachedInputTokens * pc + cacheWriteTokens * pw + outputTokens * po));
      rows.push({
        keyId: s.key.id,
        bucketStart,
        widthSeconds: 60,
        model: s.model,
        region: s.region,
        source: s.source,
        requests,
        inputTokens,
        cachedInputTokens,
        cacheWriteTokens,
        outputTokens,
        costUsd: Number(costUnits) / 1e8,
        costSource: s.source === 'provider' ? 'provider' : 'priced',
        costText: formatCostUnits(costUnits),
        costUnits,
      });
    }
  }
  return rows;
}

// Chunks of `chunk` rows: (1 - share) new rows plus `share` re-sent from recent chunks. No
// chunk holds one natural key twice (ON CONFLICT DO UPDATE cannot touch a row twice).
export function planDeliveries(rows: BenchRow[], chunk: number, share: number, seed: number): UsageWorkload {
  const prng = createPrng(seed ^ 0x0de1_17e5);
  const freshPerChunk = Math.max(1, Math.round(chunk * (1 - share)));
  const againPerChunk = chunk - freshPerChunk;
  const deliveries: Delivery[] = [];
  for (let i = 0; i < rows.length; i += freshPerChunk) {
    const pool = rows.slice(Math.max(0, i - RECENT_CHUNKS * freshPerChunk), i);
    const picked = new Set<number>();
    while (picked.size < Math.min(againPerChunk, pool.length)) picked.add(Math.floor(prng.next() * pool.length));
    deliveries.push({ fresh: rows.slice(i, i + freshPerChunk), again: [...picked].map((j) => pool[j]!) });
  }
  const redelivered = deliveries.reduce((n, d) => n + d.again.length, 0);
  return { rows, deliveries, delivered: rows.length + redelivered, redelivered, totals: usageTotals(rows) };
}

export function usageTotals(rows: BenchRow[]): UsageTotals {
  const t: UsageTotals = { rows: rows.length, requests: 0n, inputTokens: 0n, cachedInputTokens: 0n, cacheWriteTokens: 0n, outputTokens: 0n, costUnits: 0n };
  for (const r of rows) {
    t.requests += BigInt(r.requests);
    t.inputTokens += BigInt(r.inputTokens);
    t.cachedInputTokens += BigInt(r.cachedInputTokens);
    t.cacheWriteTokens += BigInt(r.cacheWriteTokens);
    t.outputTokens += BigInt(r.outputTokens);
    t.costUnits += r.costUnits;
  }
  return t;
}
