import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as exportGET } from '@/app/api/audit/export/route';
import { GET as pageGET } from '@/app/api/audit/route';
import { prisma } from '@/lib/db';
import { freshDatabase } from '@/test/database';
import { signInAs } from '@/test/sign-in';
import { auditJsonLines, auditPage } from './audit-log';

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let cookie = '';
const T = Date.parse('2026-11-20T10:00:00Z');

beforeAll(async () => {
  ctx = await freshDatabase();
  process.env.DATABASE_URL = ctx.url;
  ({ cookie } = await signInAs(ctx.prisma, 'admin'));
  await ctx.prisma.auditEvent.deleteMany();
  await ctx.prisma.auditEvent.createMany({
    data: [
      { at: new Date(T), actorEmail: 'ana@example.com', action: 'budget.create', targetType: 'budget', targetId: 'b1', after: { monthlyUsd: 500 } },
      { at: new Date(T + 60_000), actorEmail: 'bo@example.com', action: 'alert_route.update', targetType: 'alert_route', targetId: 'r1', before: { targetHint: '…0001' }, after: { targetHint: '…0002' } },
      { at: new Date(T + 120_000), actorEmail: 'ana@example.com', action: 'budget.update', targetType: 'budget', targetId: 'b1' },
    ],
  });
});
afterAll(async () => {
  await prisma().$disconnect();
  await ctx.cleanup();
});

describe('audit log', () => {
  it('pages newest first and filters by time and action prefix', async () => {
    const all = await auditPage(ctx.prisma, { page: 1, pageSize: 2 });
    expect(all.total).toBe(3);
    expect(all.entries.map((e) => e.action)).toEqual(['budget.update', 'alert_route.update']);
    const budgets = await auditPage(ctx.prisma, { action: 'budget.', page: 1, pageSize: 100, since: new Date(T + 1).toISOString() });
    expect(budgets.entries.map((e) => [e.action, e.actor])).toEqual([['budget.update', 'ana@example.com']]);
  });

  it('filters by entity and actor, and offers every value the log holds', async () => {
    const routes = await auditPage(ctx.prisma, { targetType: 'alert_route', page: 1, pageSize: 100 });
    expect(routes.entries.map((e) => e.targetId)).toEqual(['r1']);
    const ana = await auditPage(ctx.prisma, { actor: 'ana@example.com', targetId: 'b1', page: 1, pageSize: 100 });
    expect(ana.entries.map((e) => e.action)).toEqual(['budget.update', 'budget.create']);
    expect(ana.facets).toEqual({ actions: ['alert_route.update', 'budget.create', 'budget.update'], targetTypes: ['alert_route', 'budget'], actors: ['ana@example.com', 'bo@example.com'] });
    const lines: string[] = [];
    for await (const line of auditJsonLines(ctx.prisma, { actor: 'bo@example.com' })) lines.push(line);
    expect(lines.map((l) => JSON.parse(l).action)).toEqual(['alert_route.update']);
  });

  it('exports JSON lines oldest first, in batches, through the admin-only route', async () => {
    const lines: string[] = [];
    for await (const line of auditJsonLines(ctx.prisma, {}, 2)) lines.push(line);
    expect(lines.map((l) => JSON.parse(l).action)).toEqual(['budget.create', 'alert_route.update', 'budget.update']);
    const res = await exportGET(new Request('http://burnrate.test/api/audit/export?action=alert_route.', { headers: { cookie } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/x-ndjson/);
    const body = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(body).toEqual([expect.objectContaining({ action: 'alert_route.update', before: { targetHint: '…0001' }, after: { targetHint: '…0002' } })]);
    const bad = await pageGET(new Request('http://burnrate.test/api/audit?since=yesterday', { headers: { cookie } }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/ISO 8601/);
  });
});
