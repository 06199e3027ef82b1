import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@/test/database';
import { referenceBand, referenceBandPerStep, referenceTraffic, type ReferenceHour } from '@/test/expected-band-reference';
import { upsertUsageBuckets, type UsageBucketInput } from '@/lib/usage/upsert-usage-buckets';
import { seriesWindow } from '@/lib/usage/usage-series';
import { BAND_WARMUP_MS, keySeries } from './key-series';
import type { KeySeriesQuery } from './key-schemas';
import type { UsageSubject } from './usage-subject';

// The key chart's band from a real Postgres equals, number for number, what the band was
// before it took columns (test/expected-band-reference.ts: per-hour objects, Intl for every
// hour), for a key with 130 days of history, an environment of two keys (one provider, one
// ingest), a key first used two days ago and a key never used, in zones whose DST changes
// inside the window (America/New_York 2026-03-08, Europe/Berlin 2026-03-29) and in UTC.

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const HOUR = 3_600_000;
const NOW = Date.parse('2026-04-02T12:30:00Z');
const FIRST_HOUR = Date.parse('2025-11-23T00:00:00Z'); // 130 days before NOW's day
const CURRENT_HOUR = Math.floor(NOW / HOUR) * HOUR;
const ids: Record<string, string> = {};
/** Each key's usage per hour start, as written. */
const usage: Record<string, Map<number, ReferenceHour>> = {};

const bucket = (keyId: string, h: ReferenceHour, source: 'provider' | 'ingest', widthSeconds: 60 | 3600): UsageBucketInput => ({
  keyId, bucketStart: new Date(h.t), widthSeconds, model: 'gpt-4o-mini', region: '', source,
  requests: h.requests, inputTokens: h.tokens - 100, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 100,
  costUsd: h.costUsd, costSource: source === 'provider' ? 'provider' : 'reported',
});

beforeAll(async () => {
  ctx = await freshDatabase();
  const db = ctx.prisma;
  await db.environment.createMany({ data: [{ name: 'production' }, { name: 'staging' }] });
  const keys: [string, string, 'provider' | 'ingest', number][] = [
    ['Busy', 'production', 'provider', 0],
    ['Gateway', 'production', 'ingest', 20],
    ['Fresh', 'staging', 'provider', 128],
    ['Unused', 'staging', 'provider', 131],
  ];
  const rows: UsageBucketInput[] = [];
  for (const [i, [name, environment, source, firstUseDay]] of keys.entries()) {
    const k = await db.apiKey.create({ data: { provider: 'openai', providerKeyId: `key_${name}`, name, environment } });
    ids[name] = k.id;
    // Whole hours up to the current one, then one minute of the current (partial) hour.
    const hours = referenceTraffic(FIRST_HOUR, 131, i + 11, firstUseDay)
      .filter((h) => h.t <= CURRENT_HOUR && h.requests > 0)
      .map((h) => (h.tokens < 100 ? { ...h, tokens: 100 } : h));
    usage[k.id] = new Map(hours.map((h) => [h.t, h]));
    rows.push(...hours.map((h) => bucket(k.id, h, source, h.t === CURRENT_HOUR ? 60 : 3600)));
  }
  await upsertUsageBuckets(db, rows);
});
afterAll(() => ctx.cleanup());

/** The chart's points as the reference computes them from the usage written. */
function referencePoints(keyIds: string[], query: KeySeriesQuery, timezone: string) {
  const window = seriesWindow(query.range, NOW);
  const hoursTo = Math.min(window.toMs, CURRENT_HOUR + HOUR);
  const hours: ReferenceHour[] = [];
  for (let t = window.fromMs - BAND_WARMUP_MS; t < hoursTo; t += HOUR) {
    const of = keyIds.map((id) => usage[id]!.get(t));
    // Postgres sums the decimals exactly; so do whole hundred-millionths of a dollar.
    const costUsd = of.reduce((sum, h) => sum + Math.round((h?.costUsd ?? 0) * 1e8), 0) / 1e8;
    hours.push({ t, costUsd, requests: of.reduce((sum, h) => sum + (h?.requests ?? 0), 0), tokens: of.reduce((sum, h) => sum + (h?.tokens ?? 0), 0) });
  }
  const bands = referenceBandPerStep(hours.map((h) => h.t), referenceBand(hours, timezone), window.stepMs);
  const points = [];
  for (let t = window.fromMs; t < window.toMs; t += window.stepMs) {
    const band = t < hoursTo ? bands.get(t) : null;
    points.push({ t: new Date(t).toISOString(), expected: band?.expected ?? null, lower: band?.lower ?? null, upper: band?.upper ?? null });
  }
  return points;
}

const subjects: [string, () => UsageSubject, () => string[]][] = [
  ['a key with history', () => ({ keyId: ids.Busy! }), () => [ids.Busy!]],
  ['an environment of a provider and an ingest key', () => ({ environment: 'production' }), () => [ids.Busy!, ids.Gateway!]],
  ['a key first used two days ago', () => ({ keyId: ids.Fresh! }), () => [ids.Fresh!]],
  ['a key never used', () => ({ keyId: ids.Unused! }), () => [ids.Unused!]],
];

describe('keySeries band against the per-hour reference', () => {
  it.each(subjects.flatMap(([name, subject, keyIds]) => ['UTC', 'America/New_York', 'Europe/Berlin'].map((zone) => [name, zone, subject, keyIds] as const)))(
    '%s, %s: every range draws the same band',
    async (_, zone, subject, keyIds) => {
      for (const range of ['24h', '7d', '30d', '90d'] as const) {
        const query: KeySeriesQuery = { range, unit: 'cost' };
        const s = await keySeries(ctx.prisma, subject(), query, NOW, zone);
        expect(s.points.map(({ t, expected, lower, upper }) => ({ t, expected, lower, upper })), range).toEqual(referencePoints(keyIds(), query, zone));
      }
    },
  );

  it('has a band where there is history, and none for the unused key', async () => {
    const busy = await keySeries(ctx.prisma, { keyId: ids.Busy! }, { range: '90d', unit: 'cost' }, NOW, 'Europe/Berlin');
    expect(busy.points.every((p) => p.expected !== null)).toBe(true);
    const fresh = await keySeries(ctx.prisma, { keyId: ids.Fresh! }, { range: '7d', unit: 'cost' }, NOW, 'Europe/Berlin');
    expect(fresh.points.some((p) => p.expected !== null)).toBe(true);
    expect(fresh.points.slice(0, 24).every((p) => p.expected === null)).toBe(true);
    const unused = await keySeries(ctx.prisma, { keyId: ids.Unused! }, { range: '90d', unit: 'cost' }, NOW, 'UTC');
    expect(unused.points.every((p) => p.value === 0 && p.expected === null)).toBe(true);
  });
});
