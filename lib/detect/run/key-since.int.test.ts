import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUsageBuckets, type UsageBucketInput } from '@/lib/usage/upsert-usage-buckets';
import { freshDatabase } from '@/test/database';
import { MIN, minutes, steady } from '@/test/minute-usage';
import { createDetectionEngine } from './detection-engine';

// A key is observed from its creation at the provider: a key made yesterday and used today
// for the first time is new, not dormant. The same first use by a key created a month ago,
// or by one that worked for weeks and then went silent, is a dormant key waking.
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-03-25T14:00:00Z');

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const ids: Record<'fresh' | 'forgotten' | 'sleeper', string> = { fresh: '', forgotten: '', sleeper: '' };

/** Hourly buckets (older usage is kept by the hour), 20 requests each. */
function hours(keyId: string, from: number, to: number): UsageBucketInput[] {
  const rows: UsageBucketInput[] = [];
  for (let t = from; t < to; t += HOUR) rows.push({ keyId, bucketStart: new Date(t), widthSeconds: 3600, model: 'gpt-4o-mini', region: '', source: 'provider', requests: 20, inputTokens: 10_000, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 2_000, costUsd: 0.2, costSource: 'priced' });
  return rows;
}

beforeAll(async () => {
  ctx = await freshDatabase();
  const db = ctx.prisma;
  await db.environment.create({ data: { name: 'production' } });
  const key = async (name: string, createdMs: number) =>
    (await db.apiKey.create({ data: { provider: 'openai', providerKeyId: `key_${name}`, name, environment: 'production', providerCreatedAt: new Date(createdMs) } })).id;
  ids.fresh = await key('fresh', NOW - 30 * HOUR);
  ids.forgotten = await key('forgotten', NOW - 30 * DAY);
  ids.sleeper = await key('sleeper', NOW - 30 * DAY);
  // The sleeper worked for two weeks, then nothing for ten days.
  await upsertUsageBuckets(db, hours(ids.sleeper, NOW - 24 * DAY, NOW - 10 * DAY));
  // Today all three spend, from the same minute.
  await upsertUsageBuckets(db, [ids.fresh, ids.forgotten, ids.sleeper].flatMap((id) => minutes(id, NOW, NOW + 5 * MIN, steady)));
});
afterAll(() => ctx.cleanup());

describe('keys observed from their creation', () => {
  it('a key created yesterday is not dormant when first used; a month-old key or a silent worker is', async () => {
    await createDetectionEngine({ timezone: 'UTC' }).run(ctx.prisma, NOW + 5 * MIN + 5_000);
    const dormant = await ctx.prisma.incident.findMany({ where: { kind: 'dormant_wake' }, select: { keyId: true, openedAt: true } });
    expect(dormant.map((i) => i.keyId).sort()).toEqual([ids.forgotten, ids.sleeper].sort());
    expect(dormant.every((i) => i.openedAt.getTime() === NOW)).toBe(true);
    expect(await ctx.prisma.incident.count({ where: { keyId: ids.fresh } })).toBe(0);
  });
});
