import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic } from '@/fakes/anthropic-admin-server';
import { FakeTraffic } from '@/fakes/fake-traffic';
import { FaultPlan } from '@/fakes/faults';
import { startFakeOpenAI } from '@/fakes/openai-admin-server';
import { DEMO_KEYS, DEMO_SEED } from '@/lib/demo/demo-keys';
import { createAnthropicProvider } from '@/lib/providers/anthropic';
import { createOpenAIProvider } from '@/lib/providers/openai';
import type { ProviderId } from '@/lib/providers/provider';
import { checkHealth } from '@/lib/system/health';
import { freshDatabase } from '@/test/database';
import { backfillConnection } from './backfill';
import { pullConnection, type PullDeps } from './pull-connection';
import { reconcileCosts } from './reconcile-costs';
import { DAY, MINUTE } from './windows';

// Collection is exact under faults: whatever the fake providers throw at the connectors
// (429 with Retry-After, 5xx, timeouts, slow answers, a page failing mid-pagination,
// recent buckets revised later), the stored per-key, per-model totals equal the fakes'
// ground truth: nothing lost, nothing counted twice.

const START = Date.parse('2026-03-02T00:00:00Z');
let clock = START + 10 * DAY + 37 * MINUTE + 20_000;
const now = () => clock;

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const fakes: { provider: ProviderId; traffic: FakeTraffic; faults: FaultPlan; stop: () => Promise<void>; connectionId: string }[] = [];
let deps: PullDeps;

beforeAll(async () => {
  ctx = await freshDatabase();
  const env: Record<string, string> = {};
  for (const provider of ['openai', 'anthropic'] as const) {
    const traffic = new FakeTraffic({ keys: DEMO_KEYS.filter((k) => k.provider === provider), seed: DEMO_SEED, now, revisionWindowMs: 5 * MINUTE, provisionalShare: 0.5 });
    const faults = new FaultPlan();
    const adminKey = provider === 'openai' ? 'sk-admin-fake-test-0000' : 'sk-ant-admin01-fake-test-0000';
    const server = provider === 'openai' ? await startFakeOpenAI({ traffic, adminKey, faults }) : await startFakeAnthropic({ traffic, adminKey, faults });
    env[`FAKE_${provider.toUpperCase()}_KEY`] = adminKey;
    const connection = await ctx.prisma.providerConnection.create({
      data: { name: `Fake ${provider}`, provider, baseUrl: server.baseURL, credentialEnv: `FAKE_${provider.toUpperCase()}_KEY` },
    });
    fakes.push({ provider, traffic, faults, stop: server.stop, connectionId: connection.id });
  }
  deps = {
    providers: { openai: createOpenAIProvider({ timeoutMs: 300 }), anthropic: createAnthropicProvider({ timeoutMs: 300 }) },
    env,
    retry: { attempts: 8, baseMs: 1, maxDelayMs: 5, sleep: async () => undefined },
  };
});

afterAll(async () => {
  await Promise.all(fakes.map((f) => f.stop()));
  await ctx.cleanup();
});

type Totals = Map<string, { requests: number; inputTokens: number; cachedInputTokens: number; outputTokens: number }>;

async function stored(connectionId: string, fromMs: number, toMs: number): Promise<Totals> {
  const rows = await ctx.prisma.$queryRaw<{ pk: string; model: string; requests: bigint; input: bigint; cached: bigint; output: bigint }[]>`
    SELECT k.provider_key_id AS pk, b.model, sum(b.requests) AS requests, sum(b.input_tokens) AS input,
           sum(b.cached_input_tokens) AS cached, sum(b.output_tokens) AS output
    FROM usage_bucket b JOIN api_key k ON k.id = b.key_id
    WHERE k.connection_id = ${connectionId}::uuid AND b.bucket_start >= ${new Date(fromMs)} AND b.bucket_start < ${new Date(toMs)}
    GROUP BY 1, 2`;
  return new Map(rows.map((r) => [`${r.pk} ${r.model}`, { requests: Number(r.requests), inputTokens: Number(r.input), cachedInputTokens: Number(r.cached), outputTokens: Number(r.output) }]));
}

function truth(traffic: FakeTraffic, fromMs: number, toMs: number): Totals {
  return new Map(
    traffic.truth(fromMs, toMs).map((r) => [`${r.providerKeyId} ${r.model}`, { requests: r.requests, inputTokens: r.inputTokens, cachedInputTokens: r.cachedInputTokens, outputTokens: r.outputTokens }]),
  );
}

const sorted = (t: Totals) => [...t.entries()].sort(([a], [b]) => a.localeCompare(b));

describe.each([['openai'], ['anthropic']] as const)('%s collection under faults', (provider) => {
  const fake = () => fakes.find((f) => f.provider === provider)!;

  it('backfills ten days through every kind of fault and matches the ground truth', async () => {
    const f = fake();
    f.faults
      .inject({ kind: 'rate_limit', retryAfterSeconds: 1 })
      .inject({ kind: 'server_error' }, 2)
      .inject({ kind: 'slow', ms: 50 })
      .inject({ kind: 'timeout' })
      .inject({ kind: 'fail_page', page: 2 })
      .inject({ kind: 'server_error', status: 503 });
    await pullConnection(ctx.prisma, f.connectionId, 'keys', clock, deps);
    const result = await backfillConnection(ctx.prisma, f.connectionId, START, clock, deps);
    expect(result.interrupted).toBe(false);
    expect(f.faults.pending).toBe(0); // every fault was met and survived
    // Recent minutes were still provisional when read; the minute pull after they settle fixes them.
    clock += 10 * MINUTE;
    await pullConnection(ctx.prisma, f.connectionId, 'recent', clock, deps);
    const end = Math.floor((clock - 10 * MINUTE) / MINUTE) * MINUTE;
    expect(sorted(await stored(f.connectionId, START, end))).toEqual(sorted(truth(f.traffic, START, end)));
  });

  it('keeps exact totals over an hour of minute pulls with faults and revisions', async () => {
    const f = fake();
    for (let i = 0; i < 6; i++) {
      clock += 10 * MINUTE;
      f.faults.inject(i % 2 ? { kind: 'rate_limit', retryAfterSeconds: 2 } : { kind: 'server_error' });
      await pullConnection(ctx.prisma, f.connectionId, 'recent', clock, deps);
      expect(f.faults.pending).toBe(0);
    }
    f.faults.inject({ kind: 'fail_page', page: 2 }); // the three-day re-read spans many pages
    await pullConnection(ctx.prisma, f.connectionId, 'reread', clock + 10 * MINUTE, deps);
    expect(f.faults.pending).toBe(0);
    const settled = Math.floor((clock - 5 * MINUTE) / MINUTE) * MINUTE;
    expect(sorted(await stored(f.connectionId, START, settled))).toEqual(sorted(truth(f.traffic, START, settled)));
  });

  it('reconciles stored (priced) cost against the provider cost report per day', async () => {
    const f = fake();
    const connection = await ctx.prisma.providerConnection.findUniqueOrThrow({ where: { id: f.connectionId } });
    const { days } = await reconcileCosts(ctx.prisma, connection, deps.providers[provider], { adminKey: deps.env![`FAKE_${provider.toUpperCase()}_KEY`]!, baseUrl: connection.baseUrl }, clock);
    expect(days).toHaveLength(3);
    for (const d of days) {
      expect(d.providerUsd).toBeGreaterThan(0);
      expect(d.diffUsd).toBeCloseTo(d.storedUsd - d.providerUsd, 2);
      // The fakes price with the demo's list prices, Burnrate with @pydantic/genai-prices:
      // the same public prices, so a day agrees within a few percent.
      expect(Math.abs(d.diffUsd) / d.providerUsd).toBeLessThan(0.05);
    }
  });

  it('marks the connection unhealthy with the provider message when the key is rejected, and never stores the key', async () => {
    const f = fake();
    const bad = { ...deps, env: { ...deps.env, [`FAKE_${provider.toUpperCase()}_KEY`]: 'sk-wrong-fake-key-1234' } };
    await expect(pullConnection(ctx.prisma, f.connectionId, 'recent', clock, bad)).rejects.toMatchObject({ kind: 'auth' });
    const c = await ctx.prisma.providerConnection.findUniqueOrThrow({ where: { id: f.connectionId } });
    expect(c.syncStatus).toBe('error');
    expect(c.lastError).toMatch(/^auth \(HTTP 401\): /);
    expect(c.lastError).not.toContain('sk-wrong-fake-key-1234');
    const health = await checkHealth(() => ctx.prisma, clock);
    const shown = health.connections.find((h) => h.name === c.name)!;
    expect(shown).toMatchObject({ ok: false, error: c.lastError });
    expect(health.status).toBe('degraded');
    expect(JSON.stringify(health)).not.toContain('sk-wrong-fake-key-1234');
    await pullConnection(ctx.prisma, f.connectionId, 'recent', clock, deps);
    expect((await ctx.prisma.providerConnection.findUniqueOrThrow({ where: { id: f.connectionId } })).syncStatus).toBe('ok');
  });
});
