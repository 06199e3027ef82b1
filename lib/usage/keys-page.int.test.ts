import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@/test/database';
import { keysPage } from './keys-page';
import type { KeysQuery } from './overview-schemas';
import { upsertUsageBuckets, type UsageBucketInput } from './upsert-usage-buckets';

// The keys list: every sort and filter paged in SQL, budgets, the 14-day sparkline and the
// week-on-week trend, each key's usage counted once (provider rows win over ingest). UTC.

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const NOW = Date.parse('2026-03-10T12:30:00Z');
const ids: Record<string, string> = {};

const bucket = (keyId: string, iso: string, costUsd: number, source: 'provider' | 'ingest' = 'provider'): UsageBucketInput => ({
  keyId, bucketStart: new Date(iso), widthSeconds: 3600, model: 'gpt-4o-mini', region: '', source,
  requests: 1, inputTokens: 10, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 1, costUsd, costSource: 'provider',
});

beforeAll(async () => {
  ctx = await freshDatabase();
  const db = ctx.prisma;
  await db.environment.createMany({ data: [{ name: 'production' }, { name: 'staging' }] });
  const keys = [
    ['Alpha', 'openai', 'production', 'active', ['team:a'], '2026-03-10T12:00:00Z'],
    ['Bravo', 'anthropic', 'production', 'active', ['team:b', 'batch'], '2026-03-09T00:00:00Z'],
    ['Charlie', 'openai', 'staging', 'disabled', ['team:a'], null],
    ['Delta', 'anthropic', 'staging', 'active', [], '2026-03-01T00:00:00Z'],
  ] as const;
  for (const [name, provider, environment, status, tags, lastUsed] of keys) {
    const k = await db.apiKey.create({ data: { provider, providerKeyId: `key_${name}`, name, environment, status, tags: [...tags], lastUsedAt: lastUsed ? new Date(lastUsed) : null } });
    ids[name] = k.id;
  }
  await db.budget.createMany({
    data: [
      { scope: 'key', keyId: ids.Alpha!, monthlyUsd: 100 },
      { scope: 'key', keyId: ids.Delta!, monthlyUsd: 10 },
      { scope: 'environment', environment: 'production', monthlyUsd: 5 }, // not a key budget
    ],
  });
  await upsertUsageBuckets(db, [
    // Alpha: 30 this month, 20 of it in the last 7 days; the same hours from a gateway are ignored.
    bucket(ids.Alpha!, '2026-03-02T10:00:00Z', 10),
    bucket(ids.Alpha!, '2026-03-09T10:00:00Z', 20),
    bucket(ids.Alpha!, '2026-03-09T10:00:00Z', 19, 'ingest'),
    bucket(ids.Alpha!, '2026-02-27T10:00:00Z', 4), // last month, inside the previous 7 days
    // Bravo: ingest only, 25 today.
    bucket(ids.Bravo!, '2026-03-10T08:00:00Z', 25, 'ingest'),
    // Charlie: 1 today.
    bucket(ids.Charlie!, '2026-03-10T09:00:00Z', 1),
    // Delta: 8 of a 10 budget, all before the last 7 days.
    bucket(ids.Delta!, '2026-03-01T09:00:00Z', 8),
  ]);
});
afterAll(() => ctx.cleanup());

const names = async (query: Partial<KeysQuery>) =>
  (await keysPage(ctx.prisma, { sort: 'cost', page: 1, pageSize: 50, ...query }, NOW)).rows.map((r) => r.name);

describe('keysPage', () => {
  it('sorts by every column, one direction each', async () => {
    expect(await names({ sort: 'cost' })).toEqual(['Alpha', 'Bravo', 'Delta', 'Charlie']);
    expect(await names({ sort: 'name' })).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']);
    expect(await names({ sort: 'lastUsed' })).toEqual(['Alpha', 'Bravo', 'Delta', 'Charlie']);
    expect(await names({ sort: 'provider' })).toEqual(['Bravo', 'Delta', 'Alpha', 'Charlie']);
    expect(await names({ sort: 'environment' })).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']);
    expect(await names({ sort: 'budget' })).toEqual(['Delta', 'Alpha', 'Bravo', 'Charlie']);
    expect(await names({ sort: 'last7d' })).toEqual(['Bravo', 'Alpha', 'Charlie', 'Delta']);
  });

  it('filters by environment, provider, status and tag, and pages in SQL', async () => {
    expect(await names({ environment: 'staging', sort: 'name' })).toEqual(['Charlie', 'Delta']);
    expect(await names({ provider: 'anthropic', sort: 'name' })).toEqual(['Bravo', 'Delta']);
    expect(await names({ status: 'disabled' })).toEqual(['Charlie']);
    expect(await names({ tag: 'team:a', sort: 'name' })).toEqual(['Alpha', 'Charlie']);
    expect(await names({ tag: 'team', sort: 'name' })).toEqual([]); // whole tags only
    const page = await keysPage(ctx.prisma, { sort: 'name', page: 2, pageSize: 3, provider: 'openai' }, NOW);
    expect(page).toMatchObject({ total: 2, rows: [] });
    const second = await keysPage(ctx.prisma, { sort: 'cost', page: 2, pageSize: 3 }, NOW);
    expect(second.total).toBe(4);
    expect(second.rows.map((r) => r.name)).toEqual(['Charlie']);
  });

  it('gives each row tags, its own budget, a sparkline and a trend, counting usage once', async () => {
    const rows = (await keysPage(ctx.prisma, { sort: 'name', page: 1, pageSize: 50 }, NOW)).rows;
    const alpha = rows.find((r) => r.name === 'Alpha')!;
    expect(alpha).toMatchObject({ tags: ['team:a'], monthToDateUsd: 30, budgetUsd: 100, budgetPercent: 30 });
    expect(alpha.sparkline).toHaveLength(14);
    expect(alpha.sparkline[13]).toBe(0); // today
    expect(alpha.sparkline[12]).toBe(20); // Mar 9
    expect(alpha.sparkline[5]).toBe(10); // Mar 2
    expect(alpha.sparkline[2]).toBe(4); // Feb 27: the first day is Feb 25
    expect(alpha.trend).toEqual({ last7dUsd: 20, previous7dUsd: 14, change: (20 - 14) / 14 });
    const bravo = rows.find((r) => r.name === 'Bravo')!;
    expect(bravo).toMatchObject({ monthToDateUsd: 25, budgetUsd: null, budgetPercent: null, trend: { last7dUsd: 25, previous7dUsd: 0, change: null } });
    expect(rows.find((r) => r.name === 'Delta')).toMatchObject({ budgetPercent: 80, tags: [] });
  });
});
