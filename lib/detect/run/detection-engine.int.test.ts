import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeIncidentStatus, setIncidentFeedback } from '@/lib/incidents/incident-actions';
import type { IncidentChange } from '@/lib/incidents/incident-change';
import { upsertUsageBuckets } from '@/lib/usage/upsert-usage-buckets';
import { freshDatabase } from '@/test/database';
import { MIN, minutes, steady } from '@/test/minute-usage';
import { createDetectionEngine } from './detection-engine';

// The detection loop on a real database: three quiet days of minute usage for two keys,
// then a burst on one of them.
const T0 = Date.parse('2026-03-02T00:00:00Z');
const BURST = T0 + 3 * 1440 * MIN + 14 * 60 * MIN; // day 4, 14:00 UTC

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let chat: string;
let batch: string;
const changes: IncidentChange[] = [];
const options = { timezone: 'UTC', onChange: async (_tx: unknown, change: IncidentChange) => void changes.push(change) };

beforeAll(async () => {
  ctx = await freshDatabase();
  const db = ctx.prisma;
  await db.environment.createMany({ data: [{ name: 'production' }, { name: 'staging' }] });
  chat = (await db.apiKey.create({ data: { provider: 'openai', providerKeyId: 'key_chat', name: 'prod-chat', environment: 'production' } })).id;
  batch = (await db.apiKey.create({ data: { provider: 'openai', providerKeyId: 'key_batch', name: 'staging-batch', environment: 'staging' } })).id;
  await upsertUsageBuckets(db, [...minutes(chat, T0, BURST, steady), ...minutes(batch, T0, BURST, (t) => (steady(t) > 10 ? 2 : 1))]);
});
afterAll(() => ctx.cleanup());

describe('detection engine', () => {
  const engine = createDetectionEngine(options);

  it('learns quiet days without opening incidents', async () => {
    const run = await engine.run(ctx.prisma, BURST);
    expect(run.throughMs).toBe(BURST);
    expect(run.opened).toBe(0);
    expect(await ctx.prisma.incident.count()).toBe(0);
  });

  it('opens one incident for a burst, on the burst minute, and pages it live', async () => {
    await upsertUsageBuckets(ctx.prisma, minutes(chat, BURST, BURST + 5 * MIN, () => 300));
    const run = await engine.run(ctx.prisma, BURST + 2 * MIN + 5_000);
    expect(run).toMatchObject({ observedMinutes: 2, opened: 1, rebuilt: false });
    const [incident] = await ctx.prisma.incident.findMany();
    expect(incident).toMatchObject({ keyId: chat, kind: 'spike', environment: 'production', status: 'open', openedAt: new Date(BURST) });
    expect(incident!.summary).toMatch(/\$3\.00/);
    expect(changes.map((c) => [c.type, c.live])).toEqual([['opened', true]]);
  });

  it('absorbs the rest of the burst into the same incident', async () => {
    const run = await engine.run(ctx.prisma, BURST + 6 * MIN);
    expect(run.opened).toBe(0);
    expect(run.absorbed).toBeGreaterThanOrEqual(3);
    const incidents = await ctx.prisma.incident.findMany();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.lastSeenAt.getTime()).toBe(BURST + 4 * MIN);
    expect(await ctx.prisma.incidentEvent.count({ where: { type: 'finding' } })).toBeGreaterThanOrEqual(1);
  });

  it('after a restart, rebuilds the baselines from stored usage and opens nothing twice', async () => {
    const restarted = createDetectionEngine(options);
    const run = await restarted.run(ctx.prisma, BURST + 7 * MIN);
    expect(run).toMatchObject({ rebuilt: true, opened: 0 });
    expect(await ctx.prisma.incident.count()).toBe(1);
  });

  it('acknowledges, then resolves by itself after an hour of quiet (at the moment it went quiet)', async () => {
    const [incident] = await ctx.prisma.incident.findMany();
    await changeIncidentStatus(ctx.prisma, incident!.id, 'acknowledge', { id: null, label: 'alice' }, { now: BURST + 8 * MIN, onChange: options.onChange });
    await expect(changeIncidentStatus(ctx.prisma, incident!.id, 'acknowledge', { id: null, label: 'bob' }, { now: BURST + 9 * MIN })).rejects.toThrow(/already acknowledged/);
    await upsertUsageBuckets(ctx.prisma, minutes(chat, BURST + 5 * MIN, BURST + 120 * MIN, steady));
    const run = await engine.run(ctx.prisma, BURST + 120 * MIN);
    expect(run).toMatchObject({ opened: 0, resolved: 1 });
    const after = await ctx.prisma.incident.findUniqueOrThrow({ where: { id: incident!.id } });
    expect(after).toMatchObject({ status: 'resolved', acknowledgedBy: 'alice', resolvedBy: null, resolvedAt: new Date(BURST + 65 * MIN) });
    expect(changes.map((c) => c.type)).toEqual(['opened', 'acknowledged', 'resolved']);
    expect(await ctx.prisma.auditEvent.count({ where: { action: 'incident.acknowledge', targetId: incident!.id } })).toBe(1);
  });

  it('feedback makes the engine rebuild its baselines; a leak is never learnt', async () => {
    const [incident] = await ctx.prisma.incident.findMany();
    await setIncidentFeedback(ctx.prisma, incident!.id, { feedback: 'leak', note: 'key was on GitHub' }, { id: null, label: 'alice' }, { now: BURST + 121 * MIN });
    const run = await engine.run(ctx.prisma, BURST + 122 * MIN);
    expect(run.rebuilt).toBe(true);
    // The same burst again, a day later: still a spike, not something the key "does".
    const tomorrow = BURST + 1440 * MIN;
    await upsertUsageBuckets(ctx.prisma, [...minutes(chat, BURST + 120 * MIN, tomorrow, steady), ...minutes(chat, tomorrow, tomorrow + 3 * MIN, () => 300)]);
    const next = await engine.run(ctx.prisma, tomorrow + 3 * MIN);
    expect(next.opened).toBe(1);
    const newest = await ctx.prisma.incident.findFirstOrThrow({ orderBy: { openedAt: 'desc' } });
    expect(newest).toMatchObject({ keyId: chat, kind: 'spike', openedAt: new Date(tomorrow) });
    expect(newest.dedupKey).not.toBe(incident!.dedupKey);
  });

  it('finds history on a first run without paging it', async () => {
    await ctx.prisma.setting.delete({ where: { key: 'detect.cursor' } });
    await ctx.prisma.incident.deleteMany();
    changes.length = 0;
    const fresh = createDetectionEngine(options);
    const run = await fresh.run(ctx.prisma, BURST + 1440 * MIN + 200 * MIN);
    expect(run.opened).toBeGreaterThanOrEqual(1);
    expect(changes.filter((c) => c.type === 'opened').every((c) => !c.live)).toBe(true);
    expect(await ctx.prisma.incident.count({ where: { status: { not: 'resolved' } } })).toBe(0);
  });

  it('pages ingested usage of the minute still filling, and the complete minute joins the same incident', async () => {
    const engine = createDetectionEngine(options);
    const minute = BURST + 1440 * MIN + 300 * MIN;
    await upsertUsageBuckets(ctx.prisma, minutes(chat, BURST + 1440 * MIN + 3 * MIN, minute, steady));
    await engine.run(ctx.prisma, minute);
    changes.length = 0;
    // 20 seconds into the minute, a gateway has reported a burst for it.
    await upsertUsageBuckets(ctx.prisma, minutes(chat, minute, minute + MIN, () => 200).map((r) => ({ ...r, source: 'ingest' as const, region: 'BR', costSource: 'reported' as const })));
    expect(await engine.peek(ctx.prisma, minute + 20_000)).toMatchObject({ opened: 1 });
    const incident = await ctx.prisma.incident.findFirstOrThrow({ where: { openedAt: new Date(minute) } });
    expect(changes.map((c) => [c.type, c.live])).toEqual([['opened', true]]);
    const run = await engine.run(ctx.prisma, minute + MIN + 5_000);
    expect(run).toMatchObject({ opened: 0, absorbed: 1 });
    expect((await ctx.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).findingCount).toBe(2);
  });

  it('a first run whose days of minutes outlast its budget records them over the next runs, as one run would', async () => {
    const now = BURST + 1440 * MIN + 240 * MIN;
    const firstRun = async (engine: ReturnType<typeof createDetectionEngine>) => {
      await ctx.prisma.setting.deleteMany({ where: { key: 'detect.cursor' } });
      await ctx.prisma.incident.deleteMany();
      let runs = 0;
      let through = 0;
      for (let run = await engine.run(ctx.prisma, now); ; run = await engine.run(ctx.prisma, now)) {
        runs++;
        expect(run.throughMs).toBeGreaterThanOrEqual(through);
        through = run.throughMs;
        if (!run.rebuilding && run.observedMinutes === 0) break;
        expect(runs).toBeLessThan(200);
      }
      const incidents = await ctx.prisma.incident.findMany({ orderBy: { openedAt: 'asc' }, select: { keyId: true, kind: true, openedAt: true, lastSeenAt: true } });
      return { runs, incidents };
    };
    const once = await firstRun(createDetectionEngine(options));
    const budgeted = await firstRun(createDetectionEngine({ ...options, rebuildBudgetMs: 0 }));
    expect(once.runs).toBe(2);
    expect(budgeted.runs).toBeGreaterThan(20);
    expect(once.incidents.length).toBeGreaterThan(0);
    expect(budgeted.incidents).toEqual(once.incidents);
  });

  it('a rebuild that outlasts its budget goes on in the next runs, paging nothing until it is done', async () => {
    // No time at all for rebuilding: each run learns one six-hour stretch and returns.
    const slow = createDetectionEngine({ ...options, rebuildBudgetMs: 0, historyDays: 1 });
    const now = BURST + 1440 * MIN + 302 * MIN;
    const cursor = (await ctx.prisma.setting.findUniqueOrThrow({ where: { key: 'detect.cursor' } })).value;
    // A burst in the minute still filling, which a rebuilt engine would page at once.
    await upsertUsageBuckets(ctx.prisma, minutes(chat, now - 2 * MIN, now, steady));
    await upsertUsageBuckets(ctx.prisma, minutes(chat, now, now + MIN, () => 300).map((r) => ({ ...r, source: 'ingest' as const, costSource: 'reported' as const })));
    const incidents = await ctx.prisma.incident.count();
    let runs = 0;
    for (;;) {
      const run = await slow.run(ctx.prisma, now);
      runs++;
      if (!run.rebuilding) break;
      expect(run).toMatchObject({ rebuilt: true, observedMinutes: 0, opened: 0 });
      expect(await slow.peek(ctx.prisma, now + 20_000)).toEqual({ opened: 0, absorbed: 0 });
      expect((await ctx.prisma.setting.findUniqueOrThrow({ where: { key: 'detect.cursor' } })).value).toEqual(cursor);
      expect(runs).toBeLessThan(100);
    }
    // A day of hours and eight days of minutes, six hours a run.
    expect(runs).toBeGreaterThan(30);
    expect(await ctx.prisma.incident.count()).toBe(incidents);
    // Done: the engine judges again, with what it rebuilt (the burst joins the chat's open incident).
    const peek = await slow.peek(ctx.prisma, now + 20_000);
    expect(peek.opened + peek.absorbed).toBe(1);
  });
});
