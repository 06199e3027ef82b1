import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setIncidentFeedback } from '@/lib/incidents/incident-actions';
import { upsertUsageBuckets } from '@/lib/usage/upsert-usage-buckets';
import { freshDatabase } from '@/test/database';
import { MIN, minutes, steady } from '@/test/minute-usage';
import { createDetectionEngine } from './detection-engine';
import { loadState, saveState } from './state-file';

// Saved baselines on a real database: a restarted engine takes them back and replays only
// the minutes since; a damaged or outdated file means the full rebuild, never a wrong start.
const T0 = Date.parse('2026-03-02T00:00:00Z');
const START = T0 + 3 * 1440 * MIN + 14 * 60 * MIN; // day 4, 14:00 UTC

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let dir: string;
let statePath: string;
let chat: string;
const options = () => ({ timezone: 'UTC', statePath });

beforeAll(async () => {
  ctx = await freshDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'burnrate-state-'));
  statePath = path.join(dir, 'detect-state.v8.gz');
  await ctx.prisma.environment.create({ data: { name: 'production' } });
  chat = (await ctx.prisma.apiKey.create({ data: { provider: 'openai', providerKeyId: 'key_chat', name: 'prod-chat', environment: 'production' } })).id;
  await upsertUsageBuckets(ctx.prisma, minutes(chat, T0, START, steady));
});
afterAll(async () => {
  await ctx.cleanup();
  await rm(dir, { recursive: true, force: true });
});

describe('saved detector state', () => {
  it('a first run saves what it learnt', async () => {
    const run = await createDetectionEngine(options()).run(ctx.prisma, START);
    expect(run).toMatchObject({ rebuilt: true, restored: false, rebuilding: false, opened: 0 });
    const saved = await loadState(statePath);
    expect(saved).toMatchObject({ throughMs: START, keyIds: [chat] });
  });

  it('a restarted engine takes it back, replays the minutes since, and pages with it', async () => {
    await upsertUsageBuckets(ctx.prisma, minutes(chat, START, START + 5 * MIN, steady));
    const restarted = createDetectionEngine(options());
    const run = await restarted.run(ctx.prisma, START + 5 * MIN);
    expect(run).toMatchObject({ rebuilt: true, restored: true, rebuilding: false, opened: 0, throughMs: START + 5 * MIN });
    // Five minutes of usage are not yet worth another save.
    expect((await loadState(statePath))!.throughMs).toBe(START);

    await upsertUsageBuckets(ctx.prisma, minutes(chat, START + 5 * MIN, START + 8 * MIN, () => 300));
    const burst = await restarted.run(ctx.prisma, START + 8 * MIN);
    expect(burst).toMatchObject({ rebuilt: false, opened: 1 });
    expect(await ctx.prisma.incident.findFirstOrThrow()).toMatchObject({ keyId: chat, kind: 'spike', openedAt: new Date(START + 5 * MIN) });
  });

  it('saves again once enough usage was learnt', async () => {
    const engine = createDetectionEngine({ ...options(), saveEveryMs: 3 * MIN });
    await upsertUsageBuckets(ctx.prisma, minutes(chat, START + 8 * MIN, START + 12 * MIN, steady));
    expect(await engine.run(ctx.prisma, START + 12 * MIN)).toMatchObject({ restored: true, opened: 0 });
    expect((await loadState(statePath))!.throughMs).toBe(START + 12 * MIN);
  });

  it.each([
    ['a damaged file', async () => writeFile(statePath, 'not a state')],
    ['a state saved for another database (none of its keys)', async () => saveState(statePath, { ...(await loadState(statePath))!, keyIds: ['another-database-key'] })],
    ['a state older than the stored minutes (eight days)', async () => saveState(statePath, { ...(await loadState(statePath))!, throughMs: START - 9 * 1440 * MIN })],
    ['a state from another version of the detectors', async () => saveState(statePath, { ...(await loadState(statePath))!, shape: '{}' })],
  ])('%s is not taken back: the engine rebuilds in full, and saves a good one', async (_, spoil) => {
    await createDetectionEngine(options()).run(ctx.prisma, START + 12 * MIN);
    await spoil();
    const run = await createDetectionEngine(options()).run(ctx.prisma, START + 12 * MIN);
    expect(run).toMatchObject({ rebuilt: true, restored: false, rebuilding: false, opened: 0 });
    expect(await loadState(statePath)).toMatchObject({ throughMs: START + 12 * MIN, keyIds: [chat] });
  });

  it('a data folder it cannot write to costs a warning, not detection', async () => {
    // A file where the folder should be: every save fails.
    const engine = createDetectionEngine({ timezone: 'UTC', statePath: path.join(statePath, 'inside-a-file.v8.gz'), saveEveryMs: MIN });
    expect(await engine.run(ctx.prisma, START + 12 * MIN)).toMatchObject({ rebuilt: true, restored: false, rebuilding: false, opened: 0 });
    await upsertUsageBuckets(ctx.prisma, minutes(chat, START + 12 * MIN, START + 14 * MIN, steady));
    expect(await engine.run(ctx.prisma, START + 14 * MIN)).toMatchObject({ rebuilt: false, observedMinutes: 2, opened: 0 });
  });

  it('feedback given since the save makes the engine rebuild in full (a leak must be unlearnt)', async () => {
    await createDetectionEngine(options()).run(ctx.prisma, START + 12 * MIN);
    const incident = await ctx.prisma.incident.findFirstOrThrow();
    await setIncidentFeedback(ctx.prisma, incident.id, { feedback: 'leak', note: 'pasted in a gist' }, { id: null, label: 'alice' }, { now: START + 12 * MIN });
    const run = await createDetectionEngine(options()).run(ctx.prisma, START + 12 * MIN);
    expect(run).toMatchObject({ rebuilt: true, restored: false, rebuilding: false });
  });
});
