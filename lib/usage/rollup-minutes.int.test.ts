import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@/test/database';
import { rollupMinutes } from './rollup-minutes';
import { upsertUsageBuckets, type UsageBucketInput } from './upsert-usage-buckets';

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let keyId: string;
const minute = (iso: string, requests: number, extra: Partial<UsageBucketInput> = {}): UsageBucketInput => ({
  keyId, bucketStart: new Date(iso), widthSeconds: 60, model: 'm', region: '', source: 'provider', requests,
  inputTokens: requests * 10, cachedInputTokens: requests, cacheWriteTokens: 0, outputTokens: requests * 2, costUsd: requests * 0.01, costSource: 'priced', ...extra,
});

beforeAll(async () => {
  ctx = await freshDatabase();
  await ctx.prisma.environment.create({ data: { name: 'production' } });
  keyId = (await ctx.prisma.apiKey.create({ data: { provider: 'openai', providerKeyId: 'key_rollup', name: 'R', environment: 'production' } })).id;
});
afterAll(() => ctx.cleanup());

describe('rollupMinutes', () => {
  it('moves old minutes into hours, keeps totals, leaves newer minutes alone', async () => {
    const db = ctx.prisma;
    await upsertUsageBuckets(db, [
      minute('2026-03-01T10:00:00Z', 1),
      minute('2026-03-01T10:59:00Z', 2),
      minute('2026-03-01T11:30:00Z', 4),
      minute('2026-03-01T10:15:00Z', 8, { source: 'ingest', region: 'DE', costSource: 'reported' }),
      minute('2026-03-01T12:00:00Z', 16), // at the boundary: stays
    ]);
    const before = await db.usageBucket.aggregate({ _sum: { requests: true, outputTokens: true, costUsd: true } });
    expect(await rollupMinutes(db, new Date('2026-03-01T12:00:00Z'))).toEqual({ hours: 3 });
    const rows = await db.usageBucket.findMany({ orderBy: [{ bucketStart: 'asc' }, { source: 'asc' }] });
    expect(rows.map((r) => [r.bucketStart.toISOString().slice(11, 16), r.widthSeconds, r.source, r.region, r.requests, r.costSource])).toEqual([
      ['10:00', 3600, 'provider', '', 3, 'priced'],
      ['10:00', 3600, 'ingest', 'DE', 8, 'reported'],
      ['11:00', 3600, 'provider', '', 4, 'priced'],
      ['12:00', 60, 'provider', '', 16, 'priced'],
    ]);
    const after = await db.usageBucket.aggregate({ _sum: { requests: true, outputTokens: true, costUsd: true } });
    expect(after._sum.requests).toBe(before._sum.requests);
    expect(after._sum.outputTokens).toBe(before._sum.outputTokens);
    expect(after._sum.costUsd!.toString()).toBe(before._sum.costUsd!.toString());
  });

  it('adds to an hour that already has a row, and a second run changes nothing', async () => {
    const db = ctx.prisma;
    await upsertUsageBuckets(db, [minute('2026-03-01T11:45:00Z', 32)]);
    await rollupMinutes(db, new Date('2026-03-01T12:00:00Z'));
    expect(await rollupMinutes(db, new Date('2026-03-01T12:00:00Z'))).toEqual({ hours: 0 });
    const hour = await db.usageBucket.findFirstOrThrow({ where: { bucketStart: new Date('2026-03-01T11:00:00Z'), source: 'provider' } });
    expect(hour.requests).toBe(36);
  });
});
