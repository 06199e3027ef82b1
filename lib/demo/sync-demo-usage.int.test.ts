import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@/test/database';
import { DEMO_KEYS, DEMO_SEED } from './demo-keys';
import { DEMO_HISTORY_DAYS, demoEnabled, syncDemoUsage } from './sync-demo-usage';
import { demoUsageForHour } from './traffic-model';

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const HOUR = 3_600_000;
const NOW = Date.parse('2026-03-10T12:20:00Z');

beforeAll(async () => {
  ctx = await freshDatabase();
});
afterAll(() => ctx.cleanup());

describe('syncDemoUsage', () => {
  it('writes the demo keys and their hourly history on first run', async () => {
    const result = await syncDemoUsage(ctx.prisma, NOW);
    expect(result.keys).toBe(DEMO_KEYS.length);
    expect(result.fromHour).toBe(new Date(Date.parse('2026-03-10T12:00:00Z') - DEMO_HISTORY_DAYS * 24 * HOUR).toISOString());
    const [span] = await ctx.prisma.$queryRaw<{ first: Date; last: Date; envs: bigint }[]>`
      SELECT min(bucket_start) AS first, max(bucket_start) AS last, count(DISTINCT k.environment) AS envs
      FROM usage_bucket b JOIN api_key k ON k.id = b.key_id`;
    expect(span!.last.toISOString()).toBe('2026-03-10T12:00:00.000Z');
    expect(NOW - span!.first.getTime()).toBeGreaterThan((DEMO_HISTORY_DAYS - 1) * 24 * HOUR);
    expect(Number(span!.envs)).toBe(2);
  });

  it('stores exactly what the traffic model produces', async () => {
    const key = DEMO_KEYS[0]!;
    const hour = Date.parse('2026-03-09T10:00:00Z');
    const expected = demoUsageForHour(key, hour, DEMO_SEED);
    const rows = await ctx.prisma.usageBucket.findMany({ where: { key: { providerKeyId: key.providerKeyId }, bucketStart: new Date(hour) } });
    expect(rows.reduce((s, r) => s + r.requests, 0)).toBe(expected.reduce((s, r) => s + r.requests, 0));
    expect(rows.reduce((s, r) => s + r.costUsd.toNumber(), 0)).toBeCloseTo(expected.reduce((s, r) => s + r.costUsd, 0), 6);
  });

  it('later runs only grow the current hour and fill hours since, never duplicating', async () => {
    const db = ctx.prisma;
    const countBefore = await db.usageBucket.count({ where: { bucketStart: { lt: new Date('2026-03-10T12:00:00Z') } } });
    const currentBefore = await db.usageBucket.aggregate({ _sum: { requests: true }, where: { bucketStart: new Date('2026-03-10T12:00:00Z') } });
    await syncDemoUsage(db, NOW + 30 * 60_000);
    const currentAfter = await db.usageBucket.aggregate({ _sum: { requests: true }, where: { bucketStart: new Date('2026-03-10T12:00:00Z') } });
    expect(currentAfter._sum.requests!).toBeGreaterThan(currentBefore._sum.requests!);
    expect(await db.usageBucket.count({ where: { bucketStart: { lt: new Date('2026-03-10T12:00:00Z') } } })).toBe(countBefore);
    const result = await syncDemoUsage(db, NOW + 3 * HOUR);
    expect(result.fromHour).toBe('2026-03-10T12:00:00.000Z');
    const hours = await db.$queryRaw<{ n: bigint }[]>`SELECT count(DISTINCT bucket_start) AS n FROM usage_bucket WHERE bucket_start >= '2026-03-10T12:00:00Z'`;
    expect(Number(hours[0]!.n)).toBe(4); // 12:00, 13:00, 14:00 complete and 15:00 growing
    expect(await db.apiKey.count()).toBe(DEMO_KEYS.length);
  });

  it('runs the demo until a real connection exists when set to auto', async () => {
    expect(await demoEnabled(ctx.prisma, 'auto')).toBe(true);
    expect(await demoEnabled(ctx.prisma, 'off')).toBe(false);
    await ctx.prisma.providerConnection.create({ data: { provider: 'openai', name: 'Real org', credentialEnv: 'OPENAI_ADMIN_KEY' } });
    expect(await demoEnabled(ctx.prisma, 'auto')).toBe(false);
    expect(await demoEnabled(ctx.prisma, 'on')).toBe(true);
  });
});
