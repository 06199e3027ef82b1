import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@/test/database';
import { keysPage } from './keys-page';
import { overviewSummary, usageSeries } from './overview';
import { topMovers } from './top-movers';
import { upsertUsageBuckets, type UsageBucketInput } from './upsert-usage-buckets';

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const NOW = Date.parse('2026-03-10T12:30:00Z');
const keys: Record<string, string> = {};

const bucket = (keyId: string, iso: string, costUsd: number, extra: Partial<UsageBucketInput> = {}): UsageBucketInput => ({
  keyId, bucketStart: new Date(iso), widthSeconds: 3600, model: 'gpt-4o-mini', region: '', source: 'provider',
  requests: 10, inputTokens: 1000, cachedInputTokens: 100, cacheWriteTokens: 0, outputTokens: 50, costUsd, costSource: 'provider', ...extra,
});

beforeAll(async () => {
  ctx = await freshDatabase();
  const db = ctx.prisma;
  await db.environment.createMany({ data: [{ name: 'production' }, { name: 'staging' }] });
  for (const [name, environment, owner] of [['Chat', 'production', 'ana@example.com'], ['Batch', 'production', null], ['Staging bot', 'staging', 'bo@example.com']] as const) {
    const k = await db.apiKey.create({ data: { provider: 'openai', providerKeyId: `key_${name}`, name, environment, owner, lastUsedAt: new Date(NOW - 60_000) } });
    keys[name] = k.id;
  }
  await upsertUsageBuckets(db, [
    bucket(keys.Chat!, '2026-03-10T11:00:00Z', 5),
    bucket(keys.Chat!, '2026-03-02T00:00:00Z', 20),
    bucket(keys.Batch!, '2026-03-09T03:00:00Z', 7.5, { model: 'gpt-4.1' }),
    bucket(keys['Staging bot']!, '2026-03-10T09:00:00Z', 0.25),
    bucket(keys.Chat!, '2026-02-05T00:00:00Z', 11), // last month, before the same day
    bucket(keys.Chat!, '2026-02-20T00:00:00Z', 99), // last month, after the same day
  ]);
});
afterAll(() => ctx.cleanup());

describe('upsertUsageBuckets', () => {
  it('is idempotent and replaces revised figures', async () => {
    const db = ctx.prisma;
    const before = await db.usageBucket.count();
    const revised = bucket(keys.Chat!, '2026-03-10T11:00:00Z', 6, { requests: 12 });
    expect(await upsertUsageBuckets(db, [revised])).toBe(1);
    expect(await upsertUsageBuckets(db, [revised])).toBe(0); // unchanged: nothing rewritten
    expect(await db.usageBucket.count()).toBe(before);
    const row = await db.usageBucket.findFirstOrThrow({ where: { keyId: keys.Chat!, bucketStart: new Date('2026-03-10T11:00:00Z') } });
    expect(row.requests).toBe(12);
    expect(row.costUsd.toNumber()).toBe(6);
    await upsertUsageBuckets(db, [bucket(keys.Chat!, '2026-03-10T11:00:00Z', 5)]);
  });

  it('writes large batches in one call', async () => {
    const db = ctx.prisma;
    const k = await db.apiKey.create({ data: { provider: 'anthropic', providerKeyId: 'apikey_bulk', name: 'Bulk', environment: 'staging' } });
    const rows = Array.from({ length: 12_000 }, (_, i) => bucket(k.id, new Date(Date.parse('2025-01-01T00:00:00Z') + i * 60_000).toISOString(), 0.001, { widthSeconds: 60 }));
    expect(await upsertUsageBuckets(db, rows)).toBe(12_000);
    expect(await db.usageBucket.count({ where: { keyId: k.id } })).toBe(12_000);
    await db.apiKey.delete({ where: { id: k.id } });
  });
});

describe('overview read models', () => {
  it('sums this month and last month to the same day', async () => {
    const s = await overviewSummary(ctx.prisma, NOW);
    expect(s.monthToDateUsd).toBeCloseTo(5 + 20 + 7.5 + 0.25, 6);
    expect(s.lastMonthSameDayUsd).toBeCloseTo(11, 6);
    expect(s.keyCount).toBe(3);
    expect(s.environmentCount).toBe(2);
    expect(s.monthStart).toBe('2026-03-01T00:00:00.000Z');
    // No spend in the 7 days before 10 March but 7.5 on the 9th: the forecast adds the recent
    // rate for the 21.5 days left to what was spent, and its range holds the projection.
    expect(s.forecast.monthEnd).toBe('2026-04-01T00:00:00.000Z');
    expect(s.forecast.projectedUsd).toBeGreaterThan(s.monthToDateUsd);
    expect(s.forecast.lowUsd).toBeLessThanOrEqual(s.forecast.projectedUsd);
    expect(s.forecast.highUsd).toBeGreaterThanOrEqual(s.forecast.projectedUsd);
  });

  it('top movers: the last 7 whole UTC days against the 7 before, biggest change first', async () => {
    const db = ctx.prisma;
    const k = await db.apiKey.create({ data: { provider: 'anthropic', providerKeyId: 'apikey_mover', name: 'Mover', environment: 'staging' } });
    await upsertUsageBuckets(db, [
      bucket(k.id, '2026-02-25T10:00:00Z', 4), // the 7 days before: 24 Feb .. 2 Mar
      bucket(k.id, '2026-03-04T10:00:00Z', 40), // the last 7 days: 3 .. 9 Mar
      bucket(k.id, '2026-03-10T10:00:00Z', 1000), // today: not a whole day yet, left out
    ]);
    const movers = await topMovers(db, { limit: 5 }, NOW);
    expect(movers).toMatchObject({ previousFrom: '2026-02-24T00:00:00.000Z', from: '2026-03-03T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z' });
    expect(movers.rows.map((r) => [r.name, r.previousUsd, r.lastUsd, r.changeUsd, r.changeRatio])).toEqual([
      ['Mover', 4, 40, 36, 9],
      ['Chat', 20, 0, -20, -1], // 2 Mar is in the previous 7 days
      ['Batch', 0, 7.5, 7.5, null],
    ]);
    expect((await topMovers(db, { limit: 1 }, NOW)).rows).toHaveLength(1);
    await db.apiKey.delete({ where: { id: k.id } });
  });

  it('counts a request once when both the provider and a gateway reported it', async () => {
    const db = ctx.prisma;
    const k = await db.apiKey.create({ data: { provider: 'openai', providerKeyId: 'key_both', name: 'Both', environment: 'staging' } });
    const minute = (iso: string, source: 'provider' | 'ingest', costUsd: number) => bucket(k.id, iso, costUsd, { widthSeconds: 60, source, region: source === 'ingest' ? 'DE' : '', costSource: source === 'ingest' ? 'reported' : 'provider' });
    await upsertUsageBuckets(db, [
      minute('2026-03-10T10:05:00Z', 'provider', 1),
      minute('2026-03-10T10:05:00Z', 'ingest', 1), // the same requests, seen by the gateway
      minute('2026-03-10T10:20:00Z', 'ingest', 1), // the provider's minute for it came out empty: same hour, so not counted
      minute('2026-03-10T08:10:00Z', 'ingest', 2), // an hour the provider did not report: counted
    ]);
    const s = await overviewSummary(db, NOW);
    expect(s.monthToDateUsd).toBeCloseTo(5 + 20 + 7.5 + 0.25 + 1 + 2, 6);
    const series = await usageSeries(db, { range: '24h', unit: 'cost' }, NOW);
    expect(series.points.find((p) => p.t === '2026-03-10T10:00:00.000Z')!.values).toEqual([0, 1]);
    await db.apiKey.delete({ where: { id: k.id } });
  });

  it('series per environment, by unit', async () => {
    const cost = await usageSeries(ctx.prisma, { range: '24h', unit: 'cost' }, NOW);
    expect(cost.environments).toEqual(['production', 'staging']);
    expect(cost.points).toHaveLength(24);
    const at = (s: typeof cost, iso: string) => s.points.find((p) => p.t === new Date(iso).toISOString())!.values;
    expect(at(cost, '2026-03-10T11:00:00Z')).toEqual([5, 0]);
    expect(at(cost, '2026-03-10T09:00:00Z')).toEqual([0, 0.25]);
    const tokens = await usageSeries(ctx.prisma, { range: '30d', unit: 'tokens' }, NOW);
    expect(tokens.stepSeconds).toBe(86400);
    expect(at(tokens, '2026-03-10T00:00:00Z')).toEqual([1150, 1150]);
  });

  it('pages keys by month-to-date cost, searches and filters', async () => {
    const page = await keysPage(ctx.prisma, { sort: 'cost', page: 1, pageSize: 2 }, NOW);
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => [r.name, r.monthToDateUsd])).toEqual([['Chat', 25], ['Batch', 7.5]]);
    const second = await keysPage(ctx.prisma, { sort: 'cost', page: 2, pageSize: 2 }, NOW);
    expect(second.rows.map((r) => r.name)).toEqual(['Staging bot']);
    const past = await keysPage(ctx.prisma, { sort: 'cost', page: 9, pageSize: 2 }, NOW);
    expect(past).toMatchObject({ total: 3, rows: [] });
    const search = await keysPage(ctx.prisma, { q: 'bo@', sort: 'name', page: 1, pageSize: 50 }, NOW);
    expect(search.rows.map((r) => r.name)).toEqual(['Staging bot']);
    const literal = await keysPage(ctx.prisma, { q: '%', sort: 'name', page: 1, pageSize: 50 }, NOW);
    expect(literal.total).toBe(0); // % is searched for, not a wildcard
    const env = await keysPage(ctx.prisma, { environment: 'production', sort: 'name', page: 1, pageSize: 50 }, NOW);
    expect(env.rows.map((r) => r.name)).toEqual(['Batch', 'Chat']);
  });
});
