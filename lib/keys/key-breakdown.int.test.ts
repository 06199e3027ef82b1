import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@/test/database';
import { rawBreakdown } from '@/test/raw-usage';
import { seriesWindow } from '@/lib/usage/usage-series';
import { rollupMinutes } from '@/lib/usage/rollup-minutes';
import { upsertUsageBuckets, type UsageBucketInput } from '@/lib/usage/upsert-usage-buckets';
import type { Range } from '@/lib/usage/overview-schemas';
import type { UsageSubject } from './usage-subject';
import { keyBreakdown } from './key-breakdown';

// The breakdown reads the per-day model and region roll-ups and raw buckets only for the
// partial day at a window's start; for every range the UI asks it must equal the raw rule it
// replaced (test/raw-usage.ts), for keys and an environment, with usage around each window's
// edges (and a few minutes past now), both sources in one hour, an ingest-only key and a key
// whose provider rows lie outside the window; and again after revisions, deletes and the
// minute-to-hour roll-up. Runs in UTC.

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const RANGES: Range[] = ['24h', '7d', '30d', '90d'];
const NOWS = ['2026-03-10T12:37:00Z', '2026-03-10T03:05:00Z', '2026-03-10T21:59:00Z'].map(Date.parse);
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'o4-mini'];
const REGIONS = ['US', 'DE', ''];
const ids: string[] = [];

let seed = 11;
const next = () => (seed = (seed * 48_271) % 2_147_483_647);

function bucketsFor(keyId: string, k: number): UsageBucketInput[] {
  const out = new Map<string, UsageBucketInput>();
  const add = (t: number, source: 'provider' | 'ingest', widthSeconds: 60 | 3600) => {
    const b: UsageBucketInput = {
      keyId, bucketStart: new Date(t), widthSeconds, model: MODELS[next() % MODELS.length]!, region: source === 'ingest' ? REGIONS[next() % REGIONS.length]! : '', source,
      requests: 1 + (next() % 9), inputTokens: next() % 5000, cachedInputTokens: next() % 100, cacheWriteTokens: 0, outputTokens: next() % 700, costUsd: (next() % 1e7) / 1e8, costSource: 'priced',
    };
    out.set(`${t}/${source}/${widthSeconds}/${b.model}/${b.region}`, b);
  };
  const edges = NOWS.flatMap((now) => RANGES.flatMap((r) => [seriesWindow(r, now).fromMs, now]));
  for (const edge of edges) {
    for (const offset of [-61, -1, 0, 1, 3, 59]) {
      const t = Math.floor(edge / MINUTE) * MINUTE + offset * MINUTE;
      if (k !== 1) add(t, 'provider', 60);
      if (k !== 0) add(t, 'ingest', 60);
    }
  }
  const first = Math.floor((NOWS[0]! - 95 * 24 * HOUR) / HOUR) * HOUR;
  for (let t = first + k * HOUR; t < NOWS[0]! - 9 * 24 * HOUR; t += 5 * HOUR) {
    if (k === 3 ? t < first + 10 * 24 * HOUR : k !== 1) add(t, 'provider', 3600);
    if (k !== 0) add(t, 'ingest', 3600);
  }
  return [...out.values()];
}

const subjects = (): [string, UsageSubject][] => [...ids.map((id, k): [string, UsageSubject] => [`key ${k}`, { keyId: id }]), ['production', { environment: 'production' }]];

async function expectBreakdownsMatchRaw() {
  for (const now of NOWS) {
    for (const range of RANGES) {
      for (const [name, subject] of subjects()) {
        const want = await rawBreakdown(ctx.prisma, subject, range, now);
        expect({ name, at: new Date(now).toISOString(), ...(await keyBreakdown(ctx.prisma, subject, { range }, now)) }).toEqual({ name, at: new Date(now).toISOString(), ...want });
      }
    }
  }
}

beforeAll(async () => {
  ctx = await freshDatabase();
  await ctx.prisma.environment.createMany({ data: [{ name: 'production' }, { name: 'staging' }] });
  for (let k = 0; k < 5; k++) {
    ids.push((await ctx.prisma.apiKey.create({ data: { provider: 'openai', providerKeyId: `key_bd_${k}`, name: `key-${k}`, environment: k === 4 ? 'staging' : 'production' } })).id);
    await upsertUsageBuckets(ctx.prisma, bucketsFor(ids[k]!, k), 'add');
  }
});
afterAll(() => ctx.cleanup());

describe('keyBreakdown from the roll-ups', () => {
  it('equals the raw rule for every range, key and environment', async () => {
    const some = await keyBreakdown(ctx.prisma, { environment: 'production' }, { range: '7d' }, NOWS[0]!);
    expect(some.models.length).toBeGreaterThan(1);
    expect(some.regions.length).toBeGreaterThan(1);
    await expectBreakdownsMatchRaw();
  });

  it('still equals it after a provider revision, a delete and the minute-to-hour roll-up', async () => {
    const db = ctx.prisma;
    await db.$executeRaw`UPDATE usage_bucket SET cost_usd = cost_usd * 2, requests = requests + 1 WHERE source = 'provider' AND width_seconds = 60 AND extract(minute FROM bucket_start)::int % 2 = 0`;
    await db.$executeRaw`DELETE FROM usage_bucket WHERE source = 'ingest' AND width_seconds = 60 AND extract(minute FROM bucket_start)::int % 3 = 0`;
    await expectBreakdownsMatchRaw();
    expect((await rollupMinutes(db, new Date(NOWS[0]! - 2 * 24 * HOUR))).hours).toBeGreaterThan(0);
    await expectBreakdownsMatchRaw();
  });
});
