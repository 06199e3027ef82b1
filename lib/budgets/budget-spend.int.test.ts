import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@/test/database';
import { rawDailySpend } from '@/test/raw-usage';
import { addDays, localDateAt, startOfLocalDay } from '@/lib/detect/budget/budget-period';
import { rollupMinutes } from '@/lib/usage/rollup-minutes';
import { upsertUsageBuckets, type UsageBucketInput } from '@/lib/usage/upsert-usage-buckets';
import { dailySpend, type SpendRange } from './budget-spend';
import { spendWindow } from './budget-standing';

// Budgets' spend per local day comes from the hourly roll-ups, with raw buckets only for the
// minutes an hour would put on the wrong day; it must equal the raw rule it replaced
// (test/raw-usage.ts) in zones with DST (New York, St John's, Lord Howe's half-hour shift),
// half-hour and 45-minute offsets (Kolkata, St John's, Kathmandu), for keys and
// environments, over budget windows and ranges that start and end inside an hour; with
// provider and ingest rows in one hour, and again after revisions, deletes, the
// minute-to-hour roll-up and a key moving environment. The zones are the test's subject.

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-04-05T13:47:00Z'); // Lord Howe left DST 2026-04-05 02:00 local; New York and St John's entered it 2026-03-08
const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns'];
const ids: string[] = [];

let seed = 5;
const next = () => (seed = (seed * 48_271) % 2_147_483_647);

function bucketsFor(keyId: string, k: number): UsageBucketInput[] {
  const out = new Map<string, UsageBucketInput>();
  const add = (t: number, source: 'provider' | 'ingest', widthSeconds: 60 | 3600) =>
    out.set(`${t}/${source}/${widthSeconds}`, {
      keyId, bucketStart: new Date(t), widthSeconds, model: 'gpt-4o-mini', region: '', source,
      requests: 1, inputTokens: 10, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 1, costUsd: (next() % 1e7) / 1e8, costSource: 'priced',
    });
  const minutes = (edge: number) => {
    for (const offset of [-31, -1, 0, 1, 14, 29, 31, 59]) {
      const t = Math.floor(edge / MINUTE) * MINUTE + offset * MINUTE;
      if (k !== 1 && (k !== 2 || offset % 2)) add(t, 'provider', 60);
      if (k !== 0) add(t, 'ingest', 60);
    }
  };
  for (const tz of ZONES) {
    for (let d = addDays(localDateAt(NOW, tz), -40), i = 0; i <= 41; d = addDays(d, 1), i++) minutes(startOfLocalDay(d, tz));
  }
  for (const edge of [NOW, NOW + 3 * MINUTE, NOW - 3.3 * DAY, NOW - 0.7 * DAY]) minutes(edge);
  for (let t = Math.floor((NOW - 190 * DAY) / HOUR) * HOUR + k * HOUR; t < NOW - 41 * DAY; t += 5 * HOUR) {
    if (k !== 1) add(t, 'provider', 3600);
    if (k !== 0 && t % (2 * HOUR) === 0) add(t, 'ingest', 3600);
  }
  return [...out.values()];
}

function ranges(): SpendRange[] {
  const subjects = [...ids.map((keyId) => ({ scope: 'key' as const, keyId })), { scope: 'environment' as const, environment: 'production' }, { scope: 'environment' as const, environment: 'staging' }];
  return ZONES.flatMap((timezone) =>
    subjects.flatMap((subject) => [
      { subject, timezone, ...spendWindow(NOW, timezone, 6) },
      { subject, timezone, fromMs: NOW - 3.3 * DAY, toMs: NOW - 0.7 * DAY },
      { subject, timezone, fromMs: NOW - 10 * DAY - 30 * MINUTE, toMs: NOW - 9 * DAY },
    ]),
  ).map(({ subject, timezone, fromMs, toMs }) => ({ subject, timezone, fromMs, toMs }));
}

async function expectSpendMatchesRaw() {
  const all = ranges();
  const [got, want] = await Promise.all([dailySpend(ctx.prisma, all), rawDailySpend(ctx.prisma, all)]);
  for (let i = 0; i < all.length; i++) expect({ i, ...all[i], days: got[i] }).toEqual({ i, ...all[i], days: want[i] });
}

beforeAll(async () => {
  ctx = await freshDatabase();
  await ctx.prisma.environment.createMany({ data: [{ name: 'production' }, { name: 'staging' }] });
  for (let k = 0; k < 4; k++) {
    ids.push((await ctx.prisma.apiKey.create({ data: { provider: 'openai', providerKeyId: `key_spend_${k}`, name: `key-${k}`, environment: k === 3 ? 'staging' : 'production' } })).id);
    await upsertUsageBuckets(ctx.prisma, bucketsFor(ids[k]!, k), 'add');
  }
});
afterAll(() => ctx.cleanup());

describe('dailySpend from the hourly roll-ups', () => {
  it('equals the raw rule in every zone, for keys and environments', async () => {
    const [kolkata] = await dailySpend(ctx.prisma, [{ subject: { scope: 'environment', environment: 'production' }, timezone: 'Asia/Kolkata', fromMs: NOW - 5 * DAY, toMs: NOW }]);
    expect(kolkata!.filter((d) => d.usd > 0).length).toBeGreaterThan(4);
    await expectSpendMatchesRaw();
  });

  it('still equals it after a revision, a delete, the minute-to-hour roll-up and a key moving environment', async () => {
    const db = ctx.prisma;
    await db.$executeRaw`UPDATE usage_bucket SET cost_usd = cost_usd * 3 WHERE source = 'provider' AND width_seconds = 60 AND extract(minute FROM bucket_start)::int % 2 = 1`;
    await db.$executeRaw`DELETE FROM usage_bucket WHERE source = 'provider' AND width_seconds = 60 AND extract(minute FROM bucket_start)::int = 29`;
    await expectSpendMatchesRaw();
    expect((await rollupMinutes(db, new Date(NOW - 8 * DAY))).hours).toBeGreaterThan(0);
    await expectSpendMatchesRaw();
    await db.apiKey.update({ where: { id: ids[2]! }, data: { environment: 'staging' } });
    await expectSpendMatchesRaw();
  });
});
