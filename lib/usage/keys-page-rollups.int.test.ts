import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@/test/database';
import { rawDailyCosts, rawKeyTotals } from '@/test/raw-usage';
import { keyRowWindow, summarizeKeyUsage } from './key-row-usage';
import { keysPage } from './keys-page';
import { upsertUsageBuckets, type UsageBucketInput } from './upsert-usage-buckets';

// The keys list reads roll-ups (whole days and hours) and raw buckets only at the window's
// edges; its figures and order must equal the raw-bucket rule it replaced (test/raw-usage.ts)
// on usage placed around every edge: the window's start, 7 and 14 days ago, the month's start,
// now (and a few minutes past it: clock skew), with provider and ingest rows in one hour,
// ingest-only keys, and keys whose provider rows lie outside the window. Runs in UTC.

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOWS = ['2026-03-10T12:37:00Z', '2026-03-20T05:13:00Z', '2026-03-01T00:20:00Z'].map(Date.parse);
const ids: string[] = [];

// Deterministic costs with all 8 decimals in use.
let seed = 7;
const cost = () => (seed = (seed * 48_271) % 2_147_483_647) / 1e8;

function bucketsFor(keyId: string, k: number, nowMs: number): UsageBucketInput[] {
  const out: UsageBucketInput[] = [];
  const w = keyRowWindow(nowMs);
  const seen = new Set<string>();
  const add = (t: number, source: 'provider' | 'ingest', widthSeconds: 60 | 3600, model = 'gpt-4o-mini') =>
    !seen.has(`${t}/${source}/${widthSeconds}/${model}`) && seen.add(`${t}/${source}/${widthSeconds}/${model}`) &&
    out.push({ keyId, bucketStart: new Date(t), widthSeconds, model, region: source === 'ingest' ? 'DE' : '', source, requests: 2, inputTokens: 40, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 4, costUsd: cost(), costSource: 'priced' });
  const minute = (t: number) => Math.floor(t / MINUTE) * MINUTE;
  for (const edge of [w.fromMs, w.previous7FromMs, w.last7FromMs, w.monthStartMs, nowMs]) {
    for (const offset of [-61, -30, -1, 0, 1, 3, 29, 61]) {
      const t = minute(edge) + offset * MINUTE;
      if (k % 3 !== 1) add(t, 'provider', 60, offset % 2 ? 'gpt-4o' : 'gpt-4o-mini');
      if (k % 3 !== 0) add(t, 'ingest', 60);
    }
  }
  // Hours across the 40 days before now, some with both sources; key 4's provider hours lie before the window.
  for (let t = Math.floor((nowMs - 40 * DAY) / HOUR) * HOUR + k * HOUR; t < nowMs - 2 * HOUR; t += 7 * HOUR) {
    if (k === 4 ? t < w.fromMs : k % 3 !== 1 && t % (3 * HOUR) !== 0) add(t, 'provider', 3600, 'claude-haiku-4-5');
    if (k % 3 !== 0 || t % (2 * HOUR) === 0) add(t, 'ingest', 3600, 'claude-haiku-4-5');
  }
  return out;
}

beforeAll(async () => {
  ctx = await freshDatabase();
  await ctx.prisma.environment.createMany({ data: [{ name: 'production' }] });
  for (let k = 0; k < 7; k++) {
    ids.push((await ctx.prisma.apiKey.create({ data: { provider: 'openai', providerKeyId: `key_page_${k}`, name: `key-${k}`, environment: 'production' } })).id);
  }
  // Each key's usage around the edges of every clock the test reads at (key 6 has none).
  for (let k = 0; k < 6; k++) for (const now of NOWS) await upsertUsageBuckets(ctx.prisma, bucketsFor(ids[k]!, k, now), 'add');
});
afterAll(() => ctx.cleanup());

describe('keysPage from the roll-ups', () => {
  it.each(NOWS.map((now) => [new Date(now).toISOString(), now]))('equals the raw rule at %s: figures and order', async (_, now) => {
    const totals = await rawKeyTotals(ctx.prisma, now);
    const want = summarizeKeyUsage(await rawDailyCosts(ctx.prisma, ids, now), keyRowWindow(now));
    const name = (id: string) => `key-${ids.indexOf(id)}`;
    for (const sort of ['cost', 'last7d'] as const) {
      const page = await keysPage(ctx.prisma, { sort, page: 1, pageSize: 50 }, now);
      const by = sort === 'cost' ? 'mtd' : 'last7';
      const order = [...ids].sort((a, b) => totals.get(b)![by] - totals.get(a)![by] || name(a).localeCompare(name(b)));
      expect(page.rows.map((r) => r.id)).toEqual(order);
      for (const r of page.rows) {
        // Sums over days are added in the order SQL returns the days, which neither query fixes.
        const w = want.get(r.id);
        expect({ id: r.id, sparkline: r.sparkline }).toEqual({ id: r.id, sparkline: w?.sparkline ?? new Array<number>(14).fill(0) });
        expect(r.monthToDateUsd).toBeCloseTo(w?.monthToDateUsd ?? 0, 9);
        expect(r.monthToDateUsd).toBeCloseTo(totals.get(r.id)!.mtd, 9);
        expect(r.trend.last7dUsd).toBeCloseTo(w?.trend.last7dUsd ?? 0, 9);
        expect(r.trend.previous7dUsd).toBeCloseTo(w?.trend.previous7dUsd ?? 0, 9);
        expect(r.trend.change === null).toBe((w?.trend.change ?? null) === null);
      }
    }
    // The data reaches every edge: some keys spend this month, and week on week.
    expect([...totals.values()].filter((t) => t.mtd > 0 && t.last7 > 0).length).toBeGreaterThan(3);
  });
});
