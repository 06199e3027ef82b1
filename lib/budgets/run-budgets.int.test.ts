import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IncidentChange } from '@/lib/incidents/incident-change';
import { upsertUsageBuckets, type UsageBucketInput } from '@/lib/usage/upsert-usage-buckets';
import { freshDatabase } from '@/test/database';
import { dailySpend } from './budget-spend';
import { exportBudgets } from './budgets';
import { runBudgets } from './run-budgets';

// The budgets job on a real database. Budgets in Europe/Berlin unless a case names
// another zone: its November 2026 runs from 2026-10-31T23:00Z to 2026-11-30T23:00Z (CET).

const MIN = 60_000;
const HOUR = 3_600_000;
let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const changes: IncidentChange[] = [];
const onChange = async (_tx: unknown, change: IncidentChange) => void changes.push(change);

async function key(providerKeyId: string, environment: string): Promise<string> {
  return (await ctx.prisma.apiKey.create({ data: { provider: 'openai', providerKeyId, name: providerKeyId, environment } })).id;
}

function row(keyId: string, at: string | number, widthSeconds: 60 | 3600, costUsd: number, source: 'provider' | 'ingest' = 'provider'): UsageBucketInput {
  return { keyId, bucketStart: new Date(at), widthSeconds, model: 'gpt-4o', region: '', source, requests: 1, inputTokens: 100, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 10, costUsd, costSource: 'priced' };
}

const incidents = (where: { keyId?: string | null; environment?: string }) =>
  ctx.prisma.incident.findMany({ where, orderBy: [{ kind: 'asc' }, { openedAt: 'asc' }], include: { events: { orderBy: { id: 'asc' } } } });

beforeAll(async () => {
  ctx = await freshDatabase();
  await ctx.prisma.environment.createMany({ data: [{ name: 'production' }, { name: 'staging' }] });
});
afterAll(() => ctx.cleanup());
beforeEach(async () => {
  // runBudgets checks every budget: each case sets up only its own.
  await ctx.prisma.budget.deleteMany();
  changes.length = 0;
});

describe('runBudgets', () => {
  it('pages 50% once, escalates the same incident at 80%, and never duplicates on a re-run', async () => {
    const chat = await key('key_chat', 'production');
    await ctx.prisma.budget.create({ data: { scope: 'key', keyId: chat, monthlyUsd: 500, timezone: 'Europe/Berlin' } });
    // Hour rows before the minute boundary (8 days back), minute rows after it: a $250
    // batch on 2 November, $1 a day otherwise. Ingest rows describe the same requests.
    const rows: UsageBucketInput[] = [];
    for (let h = 0; h < 5; h++) rows.push(row(chat, Date.parse('2026-11-02T10:00:00Z') + h * HOUR, 3600, 50));
    for (let d = 1; d <= 7; d++) rows.push(row(chat, `2026-11-0${d}T08:00:00Z`, 3600, 1));
    for (let d = 9; d <= 15; d++) rows.push(row(chat, `2026-11-${String(d).padStart(2, '0')}T11:00:00Z`, 60, 1), row(chat, `2026-11-${String(d).padStart(2, '0')}T11:00:00Z`, 60, 1, 'ingest'));
    // October spend, in the zone's October (22:30Z on the 31st is 23:30 local), not counted.
    rows.push(row(chat, '2026-10-31T22:00:00Z', 3600, 400));
    await upsertUsageBuckets(ctx.prisma, rows);

    const first = Date.parse('2026-11-16T13:00:20Z');
    expect(await runBudgets(ctx.prisma, { now: first, onChange })).toEqual({ budgets: 1, findings: 1, opened: 1, absorbed: 0 });
    expect(await runBudgets(ctx.prisma, { now: first + 30_000, onChange })).toEqual({ budgets: 1, findings: 0, opened: 0, absorbed: 0 });
    let [opened] = await incidents({ keyId: chat });
    expect(opened).toMatchObject({ kind: 'budget', severity: 'info', environment: 'production', status: 'open', openedAt: new Date('2026-11-16T13:00:00Z') });
    expect(opened!.summary).toBe('key_chat at 52% of $500 budget ($264.00 of $500, Nov); forecast $347 by month end');
    expect(opened!.evidence).toMatchObject({ threshold: 50, crossedThresholds: [50], monthToDateUsd: 264, periodStart: '2026-10-31T23:00:00.000Z', periodEnd: '2026-11-30T23:00:00.000Z' });

    // $150 more this afternoon, in minute rows: 82.8%.
    await upsertUsageBuckets(ctx.prisma, Array.from({ length: 30 }, (_, m) => row(chat, Date.parse('2026-11-16T14:00:00Z') + m * MIN, 60, 5)));
    const second = Date.parse('2026-11-16T15:00:00Z');
    expect(await runBudgets(ctx.prisma, { now: second, onChange })).toEqual({ budgets: 1, findings: 2, opened: 1, absorbed: 1 });
    for (const now of [second + 1_000, second + 59_000, second + 10 * MIN]) expect(await runBudgets(ctx.prisma, { now, onChange })).toMatchObject({ findings: 0, opened: 0, absorbed: 0 });

    const [budget, forecast] = await incidents({ keyId: chat });
    expect(budget).toMatchObject({ id: opened!.id, kind: 'budget', severity: 'warning', findingCount: 2 });
    expect(budget!.summary).toMatch(/^key_chat at 82% of \$500 budget \(\$414\.00 of \$500, Nov\); forecast \$5\d\d by month end, crosses budget on Nov \d\d$/);
    expect(budget!.evidence).toMatchObject({ threshold: 80, crossedThresholds: [50, 80], monthToDateUsd: 414 });
    expect(budget!.events.map((e) => e.type)).toEqual(['opened', 'finding']);
    // The forecast: its own incident, once a month, with the range and the crossing day.
    expect(forecast).toMatchObject({ kind: 'budget_forecast', severity: 'warning', findingCount: 1 });
    expect(forecast!.summary).toMatch(/^key_chat forecast to exceed \$500 budget: \$5\d\d by month end \(likely \$\d+ to \$\d+\), crosses budget on Nov \d\d; \$414\.00 \(82%\) spent so far in Nov$/);
    expect(forecast!.evidence).toMatchObject({ threshold: null, dedupKey: `budget_forecast:key:${chat}:2026-11` });
    expect(changes.map((c) => [c.type, c.incident.kind, c.live])).toEqual([
      ['opened', 'budget', true],
      ['escalated', 'budget', true],
      ['opened', 'budget_forecast', true],
    ]);
    [opened] = await incidents({ keyId: chat });
    expect(opened!.findingCount).toBe(2);
  });

  it('raises the forecast alone when the month will end over budget before any threshold is crossed', async () => {
    const batch = await key('key_batch', 'production');
    await ctx.prisma.budget.create({ data: { scope: 'key', keyId: batch, monthlyUsd: 1000, thresholds: [80, 100], timezone: 'UTC' } });
    // $40 every day, booked at midnight: $640 by noon on the 16th (64%). The rate ahead is
    // 0.7 x $40 (recent days) + 0.3 x $41.29 (the month so far): $1,226 by month end.
    await upsertUsageBuckets(ctx.prisma, Array.from({ length: 16 }, (_, d) => row(batch, Date.parse('2026-11-01T00:00:00Z') + d * 24 * HOUR, d < 8 ? 3600 : 60, 40)));
    const now = Date.parse('2026-11-16T12:00:00Z');
    expect(await runBudgets(ctx.prisma, { now, onChange })).toMatchObject({ findings: 1, opened: 1 });
    expect(await runBudgets(ctx.prisma, { now, onChange })).toMatchObject({ findings: 0, opened: 0 });
    const [forecast] = await incidents({ keyId: batch });
    expect(forecast).toMatchObject({ kind: 'budget_forecast', severity: 'warning' });
    expect(forecast!.summary).toBe('key_batch forecast to exceed $1,000 budget: $1,226 by month end (likely $1,220 to $1,239), crosses budget on Nov 25; $640.00 (64%) spent so far in Nov');
    expect(forecast!.evidence).toMatchObject({ forecastUsd: 1225.61, monthToDateUsd: 640, threshold: null, timezone: 'UTC' });
    expect((forecast!.evidence as { projectedCrossingAt: string }).projectedCrossingAt).toMatch(/^2026-11-25T09:/);
  });

  it('sums every key of an environment budget, each key counting its provider figures or else its ingest ones', async () => {
    const [a, b, other] = [await key('key_stg_a', 'staging'), await key('key_stg_b', 'staging'), await key('key_prod_x', 'production')];
    await ctx.prisma.budget.create({ data: { scope: 'environment', environment: 'staging', monthlyUsd: 100, timezone: 'UTC' } });
    await upsertUsageBuckets(ctx.prisma, [
      // a: the provider and a gateway report the same $30 of minutes, and the same $5 hour.
      row(a, '2026-11-10T09:00:00Z', 60, 20),
      row(a, '2026-11-10T09:00:00Z', 60, 20, 'ingest'),
      row(a, '2026-11-10T09:01:00Z', 60, 10),
      row(a, '2026-11-10T09:01:00Z', 60, 9, 'ingest'),
      row(a, '2026-11-02T05:00:00Z', 3600, 5),
      row(a, '2026-11-02T05:00:00Z', 3600, 5, 'ingest'),
      // b: only ingested, $25.
      row(b, '2026-11-12T09:00:00Z', 60, 15, 'ingest'),
      row(b, '2026-11-12T09:30:00Z', 60, 10, 'ingest'),
      // Another environment.
      row(other, '2026-11-12T09:00:00Z', 60, 1000),
    ]);
    const now = Date.parse('2026-11-16T12:00:00Z');
    const [days] = await dailySpend(ctx.prisma, [{ subject: { scope: 'environment', environment: 'staging' }, timezone: 'UTC', fromMs: Date.parse('2026-11-01T00:00:00Z'), toMs: now }]);
    expect(days).toHaveLength(16);
    expect(days!.filter((d) => d.usd > 0)).toEqual([
      { date: '2026-11-02', usd: 5 },
      { date: '2026-11-10', usd: 30 },
      { date: '2026-11-12', usd: 25 },
    ]);

    // $60 (60%) by the 16th, and $127 projected: a threshold and a forecast.
    expect(await runBudgets(ctx.prisma, { now, onChange })).toMatchObject({ findings: 2, opened: 2 });
    const [incident, forecast] = await incidents({ keyId: null, environment: 'staging' });
    expect(forecast).toMatchObject({ kind: 'budget_forecast', keyId: null, environment: 'staging' });
    expect(incident).toMatchObject({ kind: 'budget', keyId: null, environment: 'staging', severity: 'info' });
    expect(incident!.evidence).toMatchObject({ scope: 'environment', subjectId: 'staging', monthToDateUsd: 60, percent: 60, threshold: 50 });
    expect(incident!.summary).toMatch(/^staging at 60% of \$100 budget \(\$60\.00 of \$100, Nov\)/);
  });

  it('counts 23:30 local on the last day in that month, in the budget’s zone', async () => {
    const edge = await key('key_edge', 'production');
    await ctx.prisma.budget.create({ data: { scope: 'key', keyId: edge, monthlyUsd: 100, timezone: 'Europe/Berlin' } });
    await upsertUsageBuckets(ctx.prisma, [
      row(edge, '2026-10-31T22:30:00Z', 60, 70), // 23:30 on 31 October in Berlin
      row(edge, '2026-10-31T23:30:00Z', 60, 20), // 00:30 on 1 November
    ]);
    // 00:45 on 1 November in Berlin (still 31 October in UTC): November has $20 so far.
    const now = Date.parse('2026-10-31T23:45:00Z');
    expect(await runBudgets(ctx.prisma, { now, onChange })).toMatchObject({ findings: 0 });
    const october = await exportBudgets(ctx.prisma, '2026-10', now);
    expect(october.csv.split('\r\n')[1]).toBe('key_edge,key,production,100.00,70.00,70.00,,Europe/Berlin');
    const november = await exportBudgets(ctx.prisma, '2026-11', now);
    expect(november.csv.split('\r\n')[1]).toMatch(/^key_edge,key,production,100\.00,20\.00,20\.00,\d+\.\d\d,Europe\/Berlin$/);

    // Had it been checked at 23:40 local on the 31st, October's $70 would page.
    expect(await runBudgets(ctx.prisma, { now: Date.parse('2026-10-31T22:40:00Z'), onChange })).toMatchObject({ findings: 1, opened: 1 });
    const [budget] = await incidents({ keyId: edge });
    expect(budget!.evidence).toMatchObject({ period: '2026-10', monthToDateUsd: 70, threshold: 50, periodEnd: '2026-10-31T23:00:00.000Z' });
  });
});
