import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshDatabase } from '@/test/database';
import { recordFindings, type StoredFinding } from './record-findings';

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let keyId: string;
const T = Date.parse('2026-11-20T02:00:00Z');
const finding = (kind: StoredFinding['kind'], minute: number, severity: StoredFinding['severity'] = 'warning', evidence = {}): StoredFinding => ({
  key: keyId, keyId, environment: 'production', kind, severity, summary: `${kind} at ${minute}`, at: T + minute * 60_000, evidence,
});

beforeAll(async () => {
  ctx = await freshDatabase();
  await ctx.prisma.environment.create({ data: { name: 'production' } });
  keyId = (await ctx.prisma.apiKey.create({ data: { provider: 'openai', providerKeyId: 'key_rf', name: 'rf', environment: 'production' } })).id;
});
afterAll(() => ctx.cleanup());

it('one incident for a leak that starts as a spike and goes on as off-hours; a budget finding stays apart', async () => {
  const options = { now: T + 3_600_000, bucketSeconds: 60 };
  await recordFindings(ctx.prisma, [finding('spike', 0), finding('spike', 1)], options);
  const r = await recordFindings(ctx.prisma, [finding('off_hours', 5, 'error'), finding('budget', 6, 'info', { periodStart: '2026-11-01T00:00:00.000Z' })], options);
  expect(r).toEqual({ opened: 1, absorbed: 1 });
  const incidents = await ctx.prisma.incident.findMany({ orderBy: { openedAt: 'asc' }, include: { events: { orderBy: { id: 'asc' } } } });
  expect(incidents.map((i) => [i.kind, i.findingCount, i.severity])).toEqual([['spike', 3, 'error'], ['budget', 1, 'info']]);
  expect(incidents[0]!.events.map((e) => [e.type, (e.data as { kinds?: string[] }).kinds ?? null])).toEqual([['opened', null], ['finding', ['spike']], ['finding', ['off_hours']]]);
});
