import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTraffic } from '@/fakes/fake-traffic';
import { FaultPlan } from '@/fakes/faults';
import { startFakeOpenAI, type FakeOpenAI } from '@/fakes/openai-admin-server';
import { DEMO_KEYS, DEMO_SEED } from '@/lib/demo/demo-keys';
import { createOpenAIProvider } from '@/lib/providers/openai';
import { freshDatabase } from '@/test/database';
import { backfillConnection } from './backfill';
import { pullConnection, type PullDeps } from './pull-connection';
import { DAY, MINUTE } from './windows';

// A worker killed mid-pull (SIGKILL: no clean-up at all) and started again loses nothing
// and counts nothing twice: writes are idempotent and progress is saved only after them.
// It also shows that two pulls of one connection never overlap (the advisory lock).

const ROOT = path.resolve(import.meta.dirname, '../..');
const NOW = Date.parse('2026-03-12T08:30:00Z');
const SINCE = NOW - 12 * DAY;
const KEY = 'sk-admin-fake-crash-0000';

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let fake: FakeOpenAI;
let traffic: FakeTraffic;
let connectionId: string;
let deps: PullDeps;

beforeAll(async () => {
  ctx = await freshDatabase();
  traffic = new FakeTraffic({ keys: DEMO_KEYS.filter((k) => k.provider === 'openai'), seed: DEMO_SEED, now: () => NOW });
  fake = await startFakeOpenAI({ traffic, adminKey: KEY, faults: new FaultPlan() });
  connectionId = (await ctx.prisma.providerConnection.create({ data: { name: 'Crash test', provider: 'openai', baseUrl: fake.baseURL, credentialEnv: 'CRASH_KEY' } })).id;
  deps = { providers: { openai: createOpenAIProvider({ timeoutMs: 5_000 }), anthropic: createOpenAIProvider() }, env: { CRASH_KEY: KEY } };
});
afterAll(async () => {
  await fake.stop();
  await ctx.cleanup();
});

async function storedTotals() {
  const rows = await ctx.prisma.$queryRaw<{ pk: string; model: string; requests: bigint; output: bigint }[]>`
    SELECT k.provider_key_id AS pk, b.model, sum(b.requests) AS requests, sum(b.output_tokens) AS output
    FROM usage_bucket b JOIN api_key k ON k.id = b.key_id WHERE k.connection_id = ${connectionId}::uuid GROUP BY 1, 2 ORDER BY 1, 2`;
  return rows.map((r) => `${r.pk} ${r.model} ${r.requests} ${r.output}`);
}

describe('a collector killed mid-pull', () => {
  it('resumes after SIGKILL and ends with exactly the ground truth', async () => {
    fake.faults.inject({ kind: 'slow', ms: 40 }, 10_000); // every answer late, so the kill lands mid-pull
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'test/pull-worker.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: ctx.url, CONNECTION_ID: connectionId, SINCE_MS: String(SINCE), NOW_MS: String(NOW), CRASH_KEY: KEY },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let windows = 0;
    child.stdout.on('data', (d: Buffer) => (windows += d.toString().split('\n').filter((l) => l.startsWith('window')).length));
    await expect.poll(() => windows, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(3);
    const requestsBefore = fake.requests.length;
    await expect.poll(() => fake.requests.length, { timeout: 10_000, interval: 5 }).toBeGreaterThan(requestsBefore + 2); // inside the next window
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    fake.faults.clear();

    const partial = await storedTotals();
    expect(partial.length).toBeGreaterThan(0); // it did store some windows before dying

    const result = await backfillConnection(ctx.prisma, connectionId, SINCE, NOW, deps);
    expect(result.resumedFrom).not.toBeNull(); // picked up where the dead worker's progress ended
    const end = Math.floor(NOW / MINUTE) * MINUTE;
    const truth = traffic
      .truth(Math.floor(SINCE / 3_600_000) * 3_600_000, end)
      .map((r) => `${r.providerKeyId} ${r.model} ${r.requests} ${r.outputTokens}`)
      .sort();
    expect(await storedTotals()).toEqual(truth);
  });

  it('never runs two pulls of one connection at the same time', async () => {
    fake.faults.inject({ kind: 'slow', ms: 30 }, 200);
    const spans: [number, number][] = [];
    const timed = async () => {
      const started = performance.now();
      await pullConnection(ctx.prisma, connectionId, 'reread', NOW, deps);
      spans.push([started, performance.now()]);
    };
    const log: number[] = [];
    const before = fake.requests.length;
    await Promise.all([timed(), timed(), timed()]);
    fake.faults.clear();
    log.push(fake.requests.length - before);
    // Serialised: the total time is at least the sum of the single pulls' request time.
    const requestsPerPull = log[0]! / 3;
    const total = Math.max(...spans.map((s) => s[1])) - Math.min(...spans.map((s) => s[0]));
    expect(total).toBeGreaterThanOrEqual(3 * requestsPerPull * 30 * 0.9);
  });
});
