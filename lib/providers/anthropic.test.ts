import { APIError } from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '@/fakes/anthropic-admin-server';
import { FakeTraffic } from '@/fakes/fake-traffic';
import { FaultPlan } from '@/fakes/faults';
import { DEMO_KEYS, DEMO_SEED } from '@/lib/demo/demo-keys';
import { priceUsage } from '@/lib/pricing/price-usage';
import { createAnthropicProvider } from './anthropic';
import { toProviderError } from './anthropic-errors';
import { UsageRows } from './anthropic-usage';
import { ProviderError, type ConnectionAccess, type UsageWindow } from './provider';

// The Anthropic connector against the fake admin API: per key and model, what it reads over
// a multi-page window equals the fake's ground truth, through the analytics API and through
// the legacy report; faults and bad credentials surface as the right ProviderError kinds.

const ADMIN_KEY = 'sk-ant-admin01-fake-test-0000';
const NOW = Date.parse('2026-03-04T12:34:20Z');
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const keys = DEMO_KEYS.filter((k) => k.provider === 'anthropic');
const traffic = new FakeTraffic({ keys, seed: DEMO_SEED, now: () => NOW });
const faults = new FaultPlan();

let enrolled: FakeAnthropic;
let notEnrolled: FakeAnthropic;
const access = (fake: FakeAnthropic, adminKey = ADMIN_KEY): ConnectionAccess => ({ adminKey, baseUrl: fake.baseURL });
// Small pages, so every window below takes several.
const provider = createAnthropicProvider({ analyticsPageLimit: 100 });

beforeAll(async () => {
  enrolled = await startFakeAnthropic({ traffic, adminKey: ADMIN_KEY, faults });
  notEnrolled = await startFakeAnthropic({ traffic, adminKey: ADMIN_KEY, analyticsEnabled: false });
});
afterAll(() => Promise.all([enrolled.stop(), notEnrolled.stop()]));
afterEach(() => faults.clear());

type Totals = Record<string, { requests: number; input: number; cached: number; output: number }>;
function totals(rows: { providerKeyId: string | null; model: string; requests: number; inputTokens: number; cachedInputTokens: number; outputTokens: number }[]): Totals {
  const out: Totals = {};
  for (const r of rows) {
    const t = (out[`${r.providerKeyId}/${r.model}`] ??= { requests: 0, input: 0, cached: 0, output: 0 });
    t.requests += r.requests;
    t.input += r.inputTokens;
    t.cached += r.cachedInputTokens;
    t.output += r.outputTokens;
  }
  return out;
}
const withoutRequests = (t: Totals) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, { ...v, requests: 0 }]));

const WINDOWS: [string, UsageWindow][] = [
  // 27.5 hours of minutes: two calls (24 h each at most), several pages each
  ['1m', { startMs: Date.parse('2026-03-03T09:00:00Z'), endMs: Math.floor(NOW / MINUTE) * MINUTE, widthSeconds: 60 }],
  ['1h', { startMs: Date.parse('2026-02-23T00:00:00Z'), endMs: Math.ceil(NOW / HOUR) * HOUR, widthSeconds: 3600 }],
  // 40 days: two calls (31 days each at most)
  ['1d', { startMs: Date.parse('2026-01-24T00:00:00Z'), endMs: Math.ceil(NOW / DAY) * DAY, widthSeconds: 86400 }],
];

describe('anthropicProvider.fetchUsage', () => {
  it.each(WINDOWS)('%s buckets from the analytics API add up to the truth per key and model', async (_w, window) => {
    const pages: number[] = [];
    const rows = await provider.fetchUsage(access(enrolled), window, (p) => pages.push(p.pages));
    expect(pages.length).toBeGreaterThan(2);
    expect(totals(rows)).toEqual(totals(traffic.truth(window.startMs, NOW)));
    expect(rows.every((r) => r.bucketStartMs % (window.widthSeconds * 1000) === 0 && r.widthSeconds === window.widthSeconds)).toBe(true);
    expect(rows.every((r) => r.costUsd === undefined && r.projectId === keys.find((k) => k.providerKeyId === r.providerKeyId)?.projectId)).toBe(true);
    const ids = rows.map((r) => `${r.bucketStartMs}/${r.providerKeyId}/${r.model}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(WINDOWS)('%s buckets from the legacy report (not enrolled) add up to the truth, tokens only', async (_w, window) => {
    const fallback = createAnthropicProvider();
    const rows = await fallback.fetchUsage(access(notEnrolled), window);
    expect(totals(rows)).toEqual(withoutRequests(totals(traffic.truth(window.startMs, NOW))));
  });

  it('remembers that an organization is not enrolled and goes straight to the legacy report', async () => {
    const fallback = createAnthropicProvider();
    const window: UsageWindow = { startMs: Date.parse('2026-03-04T10:00:00Z'), endMs: Date.parse('2026-03-04T12:00:00Z'), widthSeconds: 3600 };
    const seen = notEnrolled.requests.length;
    await fallback.fetchUsage(access(notEnrolled), window);
    await fallback.fetchUsage(access(notEnrolled), window);
    const paths = notEnrolled.requests.slice(seen).map((r) => `${r.status} ${r.path}`);
    expect(paths).toEqual(['400 /v1/organizations/analytics/usage', '200 /v1/organizations/usage_report/messages', '200 /v1/organizations/usage_report/messages']);
  });

  it('keeps cache writes (5m + 1h), batch and the long-context tier, and sums the rest per key and model', () => {
    const rows = new UsageRows(3600);
    const t = (uncached: number, m5: number, h1: number) => ({
      uncached_input_tokens: uncached,
      cache_read_input_tokens: 10,
      cache_creation: { ephemeral_5m_input_tokens: m5, ephemeral_1h_input_tokens: h1 },
      output_tokens: 5,
    });
    const at = '2026-03-04T10:00:00Z';
    const key = { api_key_id: 'apikey_x', workspace_id: 'wrkspc_x', model: 'claude-sonnet-4-5' };
    rows.add(at, { ...key, service_tier: 'standard', context_window: '0-200k' }, t(100, 20, 30), 2);
    rows.add(at, { ...key, service_tier: 'priority', context_window: '0-200k' }, t(1, 0, 0), 1); // other tiers sum in
    rows.add(at, { ...key, service_tier: 'batch', context_window: '0-200k' }, t(7, 0, 0), 3);
    rows.add(at, { ...key, service_tier: 'standard', context_window: '200k-1M' }, t(300_000, 0, 0), 1);
    rows.add(at, { api_key_id: null, workspace_id: null, model: null }, { uncached_input_tokens: 4, cache_read_input_tokens: 0, output_tokens: 1 }, 0);
    const base = {
      ...{ providerKeyId: 'apikey_x', projectId: 'wrkspc_x', bucketStartMs: Date.parse(at), widthSeconds: 3600, model: 'claude-sonnet-4-5' },
      ...{ cachedInputTokens: 10, cacheWriteTokens: 0, cacheWrite1hTokens: 0, outputTokens: 5 },
    };
    expect(rows.all()).toEqual([
      { ...base, requests: 3, inputTokens: 101, cachedInputTokens: 20, cacheWriteTokens: 50, cacheWrite1hTokens: 30, outputTokens: 10 },
      { ...base, requests: 3, inputTokens: 7, batch: true },
      { ...base, requests: 1, inputTokens: 300_000, longContext: true },
      { ...base, providerKeyId: null, projectId: null, model: 'unknown', requests: 0, inputTokens: 4, cachedInputTokens: 0, outputTokens: 1 },
    ]);
  });
});

describe('anthropicProvider.fetchCosts', () => {
  const window = { startMs: Date.parse('2026-02-25T00:00:00Z'), endMs: Date.parse('2026-03-04T00:00:00Z') };

  it('reads cost per day, key and model in dollars, as priced from the same tokens', async () => {
    const costs = await provider.fetchCosts(access(enrolled), window);
    for (let day = window.startMs; day < window.endMs; day += DAY) {
      for (const t of traffic.truth(day, day + DAY)) {
        const row = costs.find((c) => c.dayStartMs === day && c.providerKeyId === t.providerKeyId && c.model === t.model);
        const tokens = { inputTokens: t.inputTokens, cachedInputTokens: t.cachedInputTokens, cacheWriteTokens: 0, outputTokens: t.outputTokens };
        const usd = priceUsage({ provider: 'anthropic', model: t.model, ...tokens, at: new Date(day) }).costUsd;
        expect(row?.costUsd).toBeCloseTo(usd, 6);
        expect(row?.projectId).toBe(t.projectId);
      }
    }
  });

  it('falls back to the legacy cost report (per workspace and model, no key) when not enrolled', async () => {
    const costs = await createAnthropicProvider().fetchCosts(access(notEnrolled), window);
    expect(costs.length).toBeGreaterThan(0);
    expect(costs.every((c) => c.providerKeyId === null && c.projectId?.startsWith('wrkspc_') && c.model?.startsWith('claude-'))).toBe(true);
    const analytics = await provider.fetchCosts(access(enrolled), window);
    const sum = (rows: { costUsd: number }[]) => rows.reduce((s, r) => s + r.costUsd, 0);
    expect(sum(costs)).toBeCloseTo(sum(analytics), 4);
  });
});

describe('anthropicProvider errors', () => {
  const window: UsageWindow = { startMs: Date.parse('2026-03-03T09:00:00Z'), endMs: Date.parse('2026-03-04T09:00:00Z'), widthSeconds: 60 };
  const failure = (p: Promise<unknown>) => p.then(() => expect.fail('expected a ProviderError'), (e: unknown) => e as ProviderError);

  it('429 with Retry-After -> rate_limited, retryable, with the delay', async () => {
    faults.inject({ kind: 'rate_limit', retryAfterSeconds: 7 });
    const error = await failure(provider.fetchUsage(access(enrolled), window));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'anthropic', kind: 'rate_limited', status: 429, retryAfterMs: 7000, retryable: true });
  });

  it.each([500, 529])('%i -> unavailable, retryable', async (status) => {
    faults.inject({ kind: 'server_error', status });
    expect(await failure(provider.fetchUsage(access(enrolled), window))).toMatchObject({ kind: 'unavailable', status, retryable: true });
  });

  it('a page failing mid-pagination -> unavailable, and nothing half-read is returned', async () => {
    faults.inject({ kind: 'fail_page', page: 3 });
    expect(await failure(provider.fetchUsage(access(enrolled), window))).toMatchObject({ kind: 'unavailable', status: 500 });
    expect(faults.log.at(-1)).toMatchObject({ fault: 'fail_page', path: '/v1/organizations/analytics/usage' });
  });

  it('no answer within the client timeout -> unavailable', async () => {
    faults.inject({ kind: 'timeout' });
    const error = await failure(createAnthropicProvider({ timeoutMs: 200 }).fetchUsage(access(enrolled), window));
    expect(error).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(error.message).toMatch(/timed out/);
  });

  it('a wrong key -> auth, with the provider message and never the key', async () => {
    const wrongKey = 'sk-ant-admin01-fake-wrong-9999';
    for (const call of [provider.validateCredential(access(enrolled, wrongKey)), provider.fetchUsage(access(enrolled, wrongKey), window), provider.listKeys(access(enrolled, wrongKey))]) {
      const error = await failure(call);
      expect(error).toMatchObject({ kind: 'auth', status: 401, message: 'invalid x-api-key', retryable: false });
      expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain(wrongKey);
    }
  });

  it('a standard API key -> forbidden', async () => {
    expect(await failure(provider.validateCredential(access(enrolled, 'sk-ant-api03-fake-test-0000')))).toMatchObject({ kind: 'forbidden', status: 403 });
  });

  it.each([400, 403])('organization_not_enrolled_in_beta as a %i -> not_enrolled', (status) => {
    const body = { type: 'error', error: { type: 'invalid_request_error', message: 'not enrolled', details: { error_code: 'organization_not_enrolled_in_beta' } } };
    expect(toProviderError(new APIError(status, body, undefined, new Headers()), ADMIN_KEY)).toMatchObject({ kind: 'not_enrolled', message: 'not enrolled' });
  });

  it('scrubs the key should the provider echo it', () => {
    const body = { type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key ${ADMIN_KEY}` } };
    const error = toProviderError(new APIError(401, body, undefined, new Headers()), ADMIN_KEY) as ProviderError;
    expect(error.message).toBe('invalid x-api-key [redacted]');
  });
});

describe('anthropicProvider keys', () => {
  it('validates a good admin key', async () => {
    await expect(provider.validateCredential(access(enrolled))).resolves.toBeUndefined();
  });

  it('lists keys, and disables one', async () => {
    const listed = await provider.listKeys(access(enrolled));
    expect(listed.map((k) => k.providerKeyId)).toEqual(keys.map((k) => k.providerKeyId));
    const first = keys[0]!;
    expect(listed[0]).toEqual({
      providerKeyId: first.providerKeyId,
      name: first.name,
      redactedHint: first.redactedHint,
      projectId: first.projectId,
      projectName: null,
      owner: 'user_demo_jonas',
      status: 'active',
      createdAtMs: Date.parse(first.providerCreatedAt),
      lastUsedAtMs: null,
    });
    const victim = keys[2]!;
    await provider.disableKey(access(enrolled), { providerKeyId: victim.providerKeyId, projectId: victim.projectId });
    expect(enrolled.keyStatus.get(victim.providerKeyId)).toBe('inactive');
    expect((await provider.listKeys(access(enrolled))).find((k) => k.providerKeyId === victim.providerKeyId)?.status).toBe('inactive');
    await expect(provider.disableKey(access(enrolled), { providerKeyId: 'apikey_nope', projectId: null })).rejects.toMatchObject({ kind: 'not_found' });
  });
});
