import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE } from '@/app/api/budgets/[id]/route';
import { GET as exportCsv } from '@/app/api/budgets/export/route';
import { GET, PUT } from '@/app/api/budgets/route';
import { prisma } from '@/lib/db';
import { monthPeriodAt } from '@/lib/detect/budget/budget-period';
import { upsertUsageBuckets, type UsageBucketInput } from '@/lib/usage/upsert-usage-buckets';
import { freshDatabase } from '@/test/database';
import { signInAs } from '@/test/sign-in';
import { budgetListSchema, budgetViewSchema, savedBudgetSchema } from './budget-schemas';
import { exportBudgets, listBudgets } from './budgets';

// The budget API through its route handlers (real clock) and its lib (pinned clock), on a
// real database. Zones are named per case; the process runs in UTC.

const HOUR = 3_600_000;
let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let chat: string;
let batch: string;

function row(keyId: string, at: string | number, widthSeconds: 60 | 3600, costUsd: number, source: 'provider' | 'ingest' = 'provider'): UsageBucketInput {
  return { keyId, bucketStart: new Date(at), widthSeconds, model: 'gpt-4o', region: '', source, requests: 1, inputTokens: 100, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 10, costUsd, costSource: 'priced' };
}

// Requests as a signed-in finance user (route() answers 401 to anyone else).
let cookie = '';
const as = (init: RequestInit = {}): RequestInit => ({ ...init, headers: { cookie } });
const put = (body: unknown) => PUT(new Request('http://burnrate.test/api/budgets', as({ method: 'PUT', body: typeof body === 'string' ? body : JSON.stringify(body) })));
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

beforeAll(async () => {
  ctx = await freshDatabase();
  process.env.DATABASE_URL = ctx.url;
  ({ cookie } = await signInAs(ctx.prisma, 'finance'));
  await ctx.prisma.environment.createMany({ data: [{ name: 'production' }, { name: 'staging' }] });
  chat = (await ctx.prisma.apiKey.create({ data: { provider: 'openai', providerKeyId: 'key_chat', name: 'prod-chat', environment: 'production' } })).id;
  batch = (await ctx.prisma.apiKey.create({ data: { provider: 'anthropic', providerKeyId: 'apikey_batch', name: 'staging-batch', environment: 'staging' } })).id;
});
afterAll(async () => {
  await prisma().$disconnect();
  await ctx.cleanup();
});

describe('PUT /api/budgets', () => {
  it.each([
    ['not JSON', '{', /Body is not valid JSON/],
    ['no scope', { keyId: '0b6f2c1e-5d1a-4c1e-9a53-2f0e7d1c9b10', monthlyUsd: 5 }, /Invalid body: scope: scope must be "key" \(with keyId\) or "environment" \(with environment\)/],
    ['a zero budget', { scope: 'environment', environment: 'production', monthlyUsd: 0 }, /Invalid body: monthlyUsd: monthlyUsd must be more than 0/],
    ['fractions of a cent', { scope: 'environment', environment: 'production', monthlyUsd: 99.999 }, /monthlyUsd has at most 2 decimals/],
    ['a threshold over 500%', { scope: 'environment', environment: 'production', monthlyUsd: 5, thresholds: [50, 900] }, /thresholds\.1: thresholds are percents from 1 to 500/],
    ['an unknown zone', { scope: 'environment', environment: 'production', monthlyUsd: 5, timezone: 'Europe/Atlantis' }, /timezone: "Europe\/Atlantis" is not a time zone: use an IANA name such as "Europe\/Berlin"/],
  ])('rejects %s with a 400 that says how to fix it', async (_, body, message) => {
    const response = await put(body);
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'bad_request', message: expect.stringMatching(message) });
  });

  it('says which key or environment does not exist', async () => {
    const noKey = await put({ scope: 'key', keyId: '0b6f2c1e-5d1a-4c1e-9a53-2f0e7d1c9b10', monthlyUsd: 5 });
    expect(noKey.status).toBe(404);
    expect((await errorOf(noKey)).message).toMatch(/No key 0b6f2c1e-.*; pick one listed at \/api\/keys/);
    const noEnv = await put({ scope: 'environment', environment: 'prod', monthlyUsd: 5 });
    expect(noEnv.status).toBe(404);
    expect((await errorOf(noEnv)).message).toBe('No environment "prod"; environments are "production", "staging"');
    expect(await ctx.prisma.budget.count()).toBe(0);
  });

  it('creates, updates and deletes a budget, each change audited with before and after', async () => {
    const created = await put({ scope: 'key', keyId: chat, monthlyUsd: 500, timezone: 'Europe/Berlin' });
    expect(created.status).toBe(200);
    const view = savedBudgetSchema.parse(await created.json());
    expect(view).toMatchObject({ created: true, scope: 'key', keyId: chat, environment: 'production', subjectName: 'prod-chat', monthlyUsd: 500, thresholds: [50, 80, 100], timezone: 'Europe/Berlin', status: 'ok' });
    expect(view.history).toHaveLength(6);

    const updated = savedBudgetSchema.parse(await (await put({ scope: 'key', keyId: chat, monthlyUsd: 750.25, thresholds: [100, 90] })).json());
    expect(updated).toMatchObject({ created: false, id: view.id, monthlyUsd: 750.25, thresholds: [90, 100], timezone: 'UTC' });
    await put({ scope: 'key', keyId: chat, monthlyUsd: 750.25, thresholds: [90, 100] }); // no change, no audit line

    const other = budgetViewSchema.parse(await (await put({ scope: 'environment', environment: 'staging', monthlyUsd: 50 })).json());
    const deleted = await DELETE(new Request(`http://burnrate.test/api/budgets/${other.id}`, as({ method: 'DELETE' })), { params: Promise.resolve({ id: other.id }) });
    expect(await deleted.json()).toEqual({ deleted: true });
    const again = await DELETE(new Request(`http://burnrate.test/api/budgets/${other.id}`, as({ method: 'DELETE' })), { params: Promise.resolve({ id: other.id }) });
    expect(again.status).toBe(404);
    const badId = await DELETE(new Request('http://burnrate.test/api/budgets/nope', as({ method: 'DELETE' })), { params: Promise.resolve({ id: 'nope' }) });
    expect(badId.status).toBe(404);

    const audit = await ctx.prisma.auditEvent.findMany({ where: { targetType: 'budget' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.targetId, a.actorEmail])).toEqual([
      ['budget.create', view.id, 'finance@example.com'],
      ['budget.update', view.id, 'finance@example.com'],
      ['budget.create', other.id, 'finance@example.com'],
      ['budget.delete', other.id, 'finance@example.com'],
    ]);
    expect(audit[0]!.before).toBeNull();
    expect(audit[0]!.after).toEqual({ scope: 'key', keyId: chat, environment: null, monthlyUsd: 500, thresholds: [50, 80, 100], timezone: 'Europe/Berlin' });
    expect(audit[1]!.before).toMatchObject({ monthlyUsd: 500, thresholds: [50, 80, 100], timezone: 'Europe/Berlin' });
    expect(audit[1]!.after).toMatchObject({ monthlyUsd: 750.25, thresholds: [90, 100], timezone: 'UTC' });
    expect(audit[3]!.before).toMatchObject({ scope: 'environment', environment: 'staging', monthlyUsd: 50 });
    expect(audit[3]!.after).toBeNull();
    await ctx.prisma.budget.deleteMany();
  });
});

describe('budget standing, history and export', () => {
  // 14:00 on 16 November 2026 in Berlin.
  const NOW = Date.parse('2026-11-16T13:00:00Z');

  beforeAll(async () => {
    await ctx.prisma.budget.createMany({
      data: [
        { scope: 'key', keyId: chat, monthlyUsd: 500, timezone: 'Europe/Berlin' },
        { scope: 'environment', environment: 'staging', monthlyUsd: 50, thresholds: [100], timezone: 'America/New_York' },
      ],
    });
    await upsertUsageBuckets(ctx.prisma, [
      // prod-chat: hour rows for past months ($600 in July, $300 in August to October) ...
      row(chat, '2026-07-15T10:00:00Z', 3600, 600),
      ...['08', '09', '10'].map((m) => row(chat, `2026-${m}-15T10:00:00Z`, 3600, 300)),
      // ... the hour from 23:00 on 31 October in Berlin, still October ...
      row(chat, '2026-10-31T22:00:00Z', 3600, 10),
      // ... and $10 a day in November: hours before the minute boundary, minutes after.
      ...Array.from({ length: 16 }, (_, d) => row(chat, Date.parse('2026-11-01T09:00:00Z') + d * 24 * HOUR, d < 7 ? 3600 : 60, 10)),
      // staging-batch: $60 this month in New York, reported by provider and gateway alike.
      row(batch, '2026-11-05T15:00:00Z', 60, 60),
      row(batch, '2026-11-05T15:00:00Z', 60, 60, 'ingest'),
    ]);
  });

  it('lists each budget with month-to-date, forecast, status and six months of history', async () => {
    const { budgets } = budgetListSchema.parse(await listBudgets(ctx.prisma, NOW));
    const [key, env] = budgets;
    expect(key).toMatchObject({
      scope: 'key',
      subjectName: 'prod-chat',
      environment: 'production',
      period: '2026-11',
      periodStart: '2026-10-31T23:00:00.000Z',
      monthToDateUsd: 160,
      percent: 32,
      // $160 + 14.42 days x (0.7 x $10 recent + 0.3 x $10.27 month so far, today counted whole).
      forecastUsd: 305.32,
      forecastLowUsd: 304.17,
      forecastHighUsd: 308.02,
      projectedCrossingAt: null,
      status: 'ok',
    });
    expect(key!.history).toEqual([
      { month: '2026-06', actualUsd: 0, budgetUsd: 500, complete: true },
      { month: '2026-07', actualUsd: 600, budgetUsd: 500, complete: true },
      { month: '2026-08', actualUsd: 300, budgetUsd: 500, complete: true },
      { month: '2026-09', actualUsd: 300, budgetUsd: 500, complete: true },
      { month: '2026-10', actualUsd: 310, budgetUsd: 500, complete: true },
      { month: '2026-11', actualUsd: 160, budgetUsd: 500, complete: false },
    ]);
    // Day by day in Berlin: $10 a day to today, then the forecast from today's $160 to its end.
    expect(key!.burn).toHaveLength(30);
    expect(key!.burn.slice(0, 2)).toEqual([
      { date: '2026-11-01', actualUsd: 10, forecastUsd: null },
      { date: '2026-11-02', actualUsd: 20, forecastUsd: null },
    ]);
    expect(key!.burn.slice(14, 17)).toEqual([
      { date: '2026-11-15', actualUsd: 150, forecastUsd: null },
      { date: '2026-11-16', actualUsd: 160, forecastUsd: 160 },
      { date: '2026-11-17', actualUsd: null, forecastUsd: expect.closeTo(160 + 10 * (10 / 24) + 10.08, 0) },
    ]);
    expect(key!.burn.at(-1)).toEqual({ date: '2026-11-30', actualUsd: null, forecastUsd: 305.32 });
    expect(env).toMatchObject({ scope: 'environment', keyId: null, subjectName: 'staging', environment: 'staging', monthToDateUsd: 60, percent: 120, status: 'over', periodStart: '2026-11-01T04:00:00.000Z' });
  });

  it('GET /api/budgets returns the same shape on the real clock', async () => {
    const response = await GET(new Request('http://burnrate.test/api/budgets', as()));
    expect(response.status).toBe(200);
    const { budgets } = budgetListSchema.parse(await response.json());
    expect(budgets.map((b) => [b.subjectName, b.history.length])).toEqual([
      ['prod-chat', 6],
      ['staging', 6],
    ]);
  });

  it('pages and searches the list, with totals over every budget', async () => {
    const all = await listBudgets(ctx.prisma, NOW);
    const second = await listBudgets(ctx.prisma, NOW, { page: 2, pageSize: 1 });
    expect(second).toMatchObject({ total: 2, matching: 2, page: 2, pageSize: 1, totals: all.totals });
    expect(second.budgets.map((b) => b.subjectName)).toEqual(['staging']);
    expect(all.totals).toMatchObject({ budgetUsd: 550, monthToDateUsd: 220, counted: 2, over: 1 });
    const found = await listBudgets(ctx.prisma, NOW, { q: 'CHAT', page: 1, pageSize: 25 });
    expect(found).toMatchObject({ total: 2, matching: 1, totals: all.totals });
    expect(found.budgets.map((b) => b.subjectName)).toEqual(['prod-chat']);
    const response = await GET(new Request('http://burnrate.test/api/budgets?pageSize=500', as()));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/pageSize/);
  });

  it('exports a month as CSV, forecasting only the current month', async () => {
    const october = await exportBudgets(ctx.prisma, '2026-10', NOW);
    expect(october.filename).toBe('burnrate-budgets-2026-10.csv');
    expect(october.csv).toBe(
      'subject,scope,environment,budget_usd,spend_usd,percent,forecast_usd,timezone\r\n' +
        'staging,environment,staging,50.00,0.00,0.00,,America/New_York\r\n' +
        'prod-chat,key,production,500.00,310.00,62.00,,Europe/Berlin\r\n',
    );
    const november = await exportBudgets(ctx.prisma, '2026-11', NOW);
    expect(november.csv.split('\r\n').slice(1)).toEqual(['staging,environment,staging,50.00,60.00,120.00,77.17,America/New_York', 'prod-chat,key,production,500.00,160.00,32.00,305.32,Europe/Berlin', '']);
  });

  it('GET /api/budgets/export answers text/csv with a filename, and errors as JSON', async () => {
    const month = monthPeriodAt(Date.now(), 'UTC');
    const previous = month.month === 1 ? `${month.year - 1}-12` : `${month.year}-${String(month.month - 1).padStart(2, '0')}`;
    const response = await exportCsv(new Request(`http://burnrate.test/api/budgets/export?month=${previous}`, as()));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="burnrate-budgets-${previous}.csv"`);
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe('subject,scope,environment,budget_usd,spend_usd,percent,forecast_usd,timezone');
    expect(lines.slice(1, -1).map((l) => l.split(',')[0])).toEqual(['staging', 'prod-chat']);

    const bad = await exportCsv(new Request('http://burnrate.test/api/budgets/export?month=2026-13', as()));
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toEqual({ code: 'bad_request', message: 'Invalid query: month: month must look like 2026-03 (YYYY-MM)' });
    const future = await exportCsv(new Request(`http://burnrate.test/api/budgets/export?month=${month.year + 1}-01`, as()));
    expect(future.status).toBe(400);
    expect((await errorOf(future)).message).toMatch(/has not started yet/);
  });
});
