import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@/test/database';
import { upsertUsageBuckets, type UsageBucketInput } from '@/lib/usage/upsert-usage-buckets';
import { hygieneReport, ROTATION_SETTING } from './key-hygiene';
import { keyDetail } from './key-queries';
import { keyBreakdown } from './key-breakdown';
import { keySeries } from './key-series';

// Key and environment reads against a real Postgres: provider and ingest rows describing
// the same requests are counted once, minute and hour rows both reach hourly and daily
// steps, regions come from ingest only. Runs in UTC.

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const NOW = Date.parse('2026-03-10T12:30:00Z');
const HOUR = 3_600_000;
const ids: Record<string, string> = {};

const row = (keyId: string, iso: string, costUsd: number, extra: Partial<UsageBucketInput> = {}): UsageBucketInput => ({
  keyId, bucketStart: new Date(iso), widthSeconds: 60, model: 'gpt-4o-mini', region: '', source: 'provider',
  requests: 10, inputTokens: 1000, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 100, costUsd, costSource: 'provider', ...extra,
});
const ingest = (keyId: string, iso: string, costUsd: number, region: string): UsageBucketInput =>
  row(keyId, iso, costUsd, { source: 'ingest', region, costSource: 'reported', requests: 9 });

beforeAll(async () => {
  ctx = await freshDatabase();
  const db = ctx.prisma;
  await db.environment.createMany({ data: [{ name: 'production' }, { name: 'staging' }, { name: 'quiet' }] });
  const create = async (name: string, data: Record<string, unknown>) => {
    const k = await db.apiKey.create({ data: { provider: 'openai', providerKeyId: `key_${name}`, name, environment: 'production', ...data } });
    ids[name] = k.id;
  };
  await create('Chat', { projectId: 'proj_a', projectName: 'Helpdesk', owner: 'ana@example.com', providerCreatedAt: new Date('2025-01-01T00:00:00Z'), lastUsedAt: new Date(NOW - 60_000) });
  await create('Gateway', { environment: 'staging', projectId: 'proj_a', projectName: 'Helpdesk', providerCreatedAt: new Date('2026-03-01T00:00:00Z'), lastUsedAt: new Date(NOW - HOUR) });
  await create('Steady', { environment: 'quiet', owner: 'bo@example.com', providerCreatedAt: new Date('2026-03-01T00:00:00Z'), lastUsedAt: new Date(NOW) });
  await db.budget.create({ data: { scope: 'key', keyId: ids.Chat!, monthlyUsd: 100 } });
  await upsertUsageBuckets(db, [
    // The same two minutes seen by the provider and by a gateway: counted once, from the provider.
    row(ids.Chat!, '2026-03-10T11:05:00Z', 1),
    row(ids.Chat!, '2026-03-10T11:06:00Z', 1),
    ingest(ids.Chat!, '2026-03-10T11:05:00Z', 0.9, 'IE'),
    ingest(ids.Chat!, '2026-03-10T11:06:00Z', 0.9, ''),
    // Before the minute boundary usage is hourly.
    row(ids.Chat!, '2026-03-01T10:00:00Z', 10, { widthSeconds: 3600, model: 'gpt-4.1', requests: 100 }),
    // A key seen only through ingest.
    ingest(ids.Gateway!, '2026-03-10T09:30:00Z', 0.5, 'DE'),
    // Five weeks of a steady hourly key: enough history for an expected band.
    ...Array.from({ length: 35 * 24 }, (_, i) =>
      row(ids.Steady!, new Date(Date.parse('2026-02-03T12:00:00Z') + i * HOUR).toISOString(), 1 + (i % 3) * 0.1, { widthSeconds: 3600 }),
    ),
  ]);
  await db.incident.create({
    data: { kind: 'spike', keyId: ids.Chat!, environment: 'production', severity: 'error', summary: 'Spike', evidence: {}, dedupKey: 'spike:chat', openedAt: new Date('2026-03-10T11:05:00Z'), lastSeenAt: new Date('2026-03-10T11:06:00Z') },
  });
});
afterAll(() => ctx.cleanup());

const at = (points: { t: string; value: number }[], iso: string) => points.find((p) => p.t === new Date(iso).toISOString())?.value;

describe('keySeries', () => {
  it('counts provider and ingest rows of the same requests once, with incident markers', async () => {
    const s = await keySeries(ctx.prisma, { keyId: ids.Chat! }, { range: '24h', unit: 'cost' }, NOW, 'UTC');
    expect(s.points).toHaveLength(24);
    expect(s.stepSeconds).toBe(3600);
    expect(at(s.points, '2026-03-10T11:00:00Z')).toBeCloseTo(2, 6);
    expect(s.points.reduce((sum, p) => sum + p.value, 0)).toBeCloseTo(2, 6);
    expect(s.markers).toEqual([expect.objectContaining({ kind: 'spike', severity: 'error', openedAt: '2026-03-10T11:05:00.000Z' })]);
  });

  it('reads minute and hour rows into daily steps, by unit', async () => {
    const tokens = await keySeries(ctx.prisma, { keyId: ids.Chat! }, { range: '30d', unit: 'tokens' }, NOW, 'UTC');
    expect(tokens.stepSeconds).toBe(86_400);
    expect(at(tokens.points, '2026-03-01T00:00:00Z')).toBe(1100);
    expect(at(tokens.points, '2026-03-10T00:00:00Z')).toBe(2200);
    const requests = await keySeries(ctx.prisma, { keyId: ids.Chat! }, { range: '90d', unit: 'requests' }, NOW, 'UTC');
    expect(requests.points.reduce((sum, p) => sum + p.value, 0)).toBe(120);
    expect(requests.points.every((p) => p.expected === null)).toBe(true); // the band is for cost
  });

  it('sums an environment: each key by its own source', async () => {
    const staging = await keySeries(ctx.prisma, { environment: 'staging' }, { range: '24h', unit: 'cost' }, NOW, 'UTC');
    expect(at(staging.points, '2026-03-10T09:00:00Z')).toBeCloseTo(0.5, 6);
    const production = await keySeries(ctx.prisma, { environment: 'production' }, { range: '7d', unit: 'cost' }, NOW, 'UTC');
    expect(production.points).toHaveLength(7 * 24);
    expect(production.points.reduce((sum, p) => sum + p.value, 0)).toBeCloseTo(2, 6);
    expect(production.markers).toHaveLength(1);
  });

  it('draws the band the detector expects once the key has history', async () => {
    const s = await keySeries(ctx.prisma, { keyId: ids.Steady! }, { range: '24h', unit: 'cost' }, NOW, 'UTC');
    const used = s.points.filter((p) => Date.parse(p.t) < NOW - HOUR);
    expect(used.every((p) => p.expected !== null && p.lower! <= p.value && p.value <= p.upper!)).toBe(true);
    const daily = await keySeries(ctx.prisma, { keyId: ids.Steady! }, { range: '30d', unit: 'cost' }, NOW, 'UTC');
    const day = daily.points.find((p) => p.t === '2026-03-05T00:00:00.000Z')!;
    expect(day.value).toBeCloseTo(26.4, 6);
    expect(day.expected).toBeGreaterThan(20);
    expect(day.lower!).toBeLessThan(day.value);
    expect(day.upper!).toBeGreaterThan(day.value);
  });
});

describe('keyBreakdown', () => {
  it('splits by model from the chosen source and by caller region from ingest', async () => {
    const week = await keyBreakdown(ctx.prisma, { keyId: ids.Chat! }, { range: '7d' }, NOW);
    expect(week.models).toEqual([{ name: 'gpt-4o-mini', costUsd: 2, requests: 20, tokens: 2200, share: 1 }]);
    expect(week.regions.map((r) => [r.name, r.costUsd, r.share])).toEqual([
      ['', 0.9, 0.5],
      ['IE', 0.9, 0.5],
    ]);
    const month = await keyBreakdown(ctx.prisma, { keyId: ids.Chat! }, { range: '30d' }, NOW);
    expect(month.models.map((m) => [m.name, m.costUsd])).toEqual([
      ['gpt-4.1', 10],
      ['gpt-4o-mini', 2],
    ]);
    const staging = await keyBreakdown(ctx.prisma, { environment: 'staging' }, { range: '24h' }, NOW);
    expect(staging.models.map((m) => m.costUsd)).toEqual([0.5]);
    expect(staging.regions.map((r) => r.name)).toEqual(['DE']);
  });
});

describe('keyDetail', () => {
  it('has the key’s standing and nothing secret', async () => {
    const d = await keyDetail(ctx.prisma, ids.Chat!, NOW);
    expect(d).toMatchObject({ name: 'Chat', monthToDateUsd: 12, budgetUsd: 100, connectionName: null, incidents: { active: 1, total: 1 } });
    expect(d.budgetPercent).toBeCloseTo(12, 6);
    expect(d.disableBlockedReason).toMatch(/only through ingested events/);
    expect(d.hygiene.map((f) => f.rule).sort()).toEqual(['rotation_overdue', 'shared_project']);
    expect(JSON.stringify(d)).not.toMatch(/credential|secret|adminKey/i);
    await expect(keyDetail(ctx.prisma, '00000000-0000-4000-8000-000000000000', NOW)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('hygieneReport', () => {
  it('reads the rotation policy from settings', async () => {
    const before = await hygieneReport(ctx.prisma, NOW);
    expect(before.policy).toEqual({ rotationDays: 90, unusedDays: 30 });
    expect(before.findings.filter((f) => f.rule === 'no_owner').map((f) => f.keyName)).toEqual(['Gateway']);
    await ctx.prisma.setting.create({ data: { key: ROTATION_SETTING, value: 7 } });
    const after = await hygieneReport(ctx.prisma, NOW);
    expect(after.policy.rotationDays).toBe(7);
    expect(after.findings.filter((f) => f.rule === 'rotation_overdue').map((f) => f.keyName).sort()).toEqual(['Chat', 'Gateway', 'Steady']);
    expect(after.counts.rotation_overdue).toBe(3);
  });

  it('pages through one rule, and counts every rule whatever is shown', async () => {
    await ctx.prisma.setting.upsert({ where: { key: ROTATION_SETTING }, create: { key: ROTATION_SETTING, value: 7 }, update: { value: 7 } });
    const all = await hygieneReport(ctx.prisma, NOW);
    const first = await hygieneReport(ctx.prisma, NOW, { rule: 'rotation_overdue', page: 1, pageSize: 2 });
    const second = await hygieneReport(ctx.prisma, NOW, { rule: 'rotation_overdue', page: 2, pageSize: 2 });
    expect(first.counts).toEqual(all.counts);
    expect(first).toMatchObject({ rule: 'rotation_overdue', page: 1, pageSize: 2 });
    expect(first.findings.map((f) => f.keyName)).toHaveLength(2);
    expect([...first.findings, ...second.findings].map((f) => f.keyName)).toEqual(
      all.findings.filter((f) => f.rule === 'rotation_overdue').map((f) => f.keyName),
    );
    expect(new Set([...first.findings, ...second.findings].map((f) => f.rule))).toEqual(new Set(['rotation_overdue']));
  });
});
