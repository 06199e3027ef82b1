import Anthropic, { AuthenticationError, BadRequestError, NotFoundError } from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS, DEMO_SEED } from '@/lib/demo/demo-keys';
import { priceUsage } from '@/lib/pricing/price-usage';
import { startFakeAnthropic, type FakeAnthropic } from './anthropic-admin-server';
import { FakeTraffic, type FakeUsageRow } from './fake-traffic';

// The fake Anthropic admin API driven by the official SDK, unchanged, and by raw fetch for
// what the SDK has no method for (the legacy usage report) or would not send (bad headers).

const ADMIN_KEY = 'sk-ant-admin01-fake-test-0000';
const NOW = Date.parse('2026-03-04T12:34:20Z');
const keys = DEMO_KEYS.filter((k) => k.provider === 'anthropic');
const traffic = new FakeTraffic({ keys: DEMO_KEYS, seed: DEMO_SEED, now: () => NOW }); // openai keys too: the fake must skip them

let fake: FakeAnthropic;
let sdk: Anthropic;
const client = (apiKey = ADMIN_KEY) => new Anthropic({ apiKey, authToken: null, baseURL: fake.baseURL, maxRetries: 0 });
const analytics = () => sdk.beta.organization.analytics;

type Totals = Record<string, { input: number; cached: number; output: number; requests?: number }>;
function totalsOf(rows: { key: string | null | undefined; model: string | null | undefined; input: number; cached: number; output: number; requests?: number | null }[]): Totals {
  const out: Totals = {};
  for (const r of rows) {
    const t = (out[`${r.key}/${r.model}`] ??= { input: 0, cached: 0, output: 0, ...(r.requests === undefined ? {} : { requests: 0 }) });
    t.input += r.input;
    t.cached += r.cached;
    t.output += r.output;
    if (t.requests !== undefined) t.requests += r.requests ?? 0;
  }
  return out;
}
const anthropicTruth = (startMs: number, endMs: number) => traffic.truth(startMs, endMs).filter((r) => keys.some((k) => k.providerKeyId === r.providerKeyId));
const truthTotals = (startMs: number, endMs: number, withRequests = true) =>
  totalsOf(
    anthropicTruth(startMs, endMs).map((r) => ({
      key: r.providerKeyId,
      model: r.model,
      input: r.inputTokens,
      cached: r.cachedInputTokens,
      output: r.outputTokens,
      ...(withRequests ? { requests: r.requests } : {}),
    })),
  );

async function raw(path: string, headers: Record<string, string> = { 'x-api-key': ADMIN_KEY, 'anthropic-version': '2023-06-01' }) {
  const res = await fetch(`${fake.baseURL}${path}`, { headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  fake = await startFakeAnthropic({ traffic, adminKey: ADMIN_KEY });
  sdk = client();
});
afterAll(() => fake.stop());

describe('fake Anthropic admin API: auth and headers', () => {
  it('accepts the SDK as it is (Authorization: Bearer + anthropic-version) and x-api-key from curl', async () => {
    await expect(sdk.organization.apiKeys.list({ limit: 1 })).resolves.toBeDefined();
    expect((await raw('/v1/organizations/api_keys')).status).toBe(200);
  });

  it('answers 401 with the error envelope for a missing or wrong key', async () => {
    expect(await raw('/v1/organizations/api_keys', { 'anthropic-version': '2023-06-01' })).toEqual({
      status: 401,
      body: { type: 'error', error: { type: 'authentication_error', message: 'x-api-key header is required' } },
    });
    const error = await client('sk-ant-admin01-wrong-0000').organization.apiKeys.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).type).toBe('authentication_error');
    expect((error as AuthenticationError).apiMessage).toBe('invalid x-api-key');
  });

  it('refuses a standard API key on admin endpoints', async () => {
    expect((await raw('/v1/organizations/api_keys', { 'x-api-key': 'sk-ant-api03-fake-0000', 'anthropic-version': '2023-06-01' })).status).toBe(403);
  });

  it('requires a known anthropic-version', async () => {
    const missing = await raw('/v1/organizations/api_keys', { 'x-api-key': ADMIN_KEY });
    expect(missing).toMatchObject({ status: 400, body: { type: 'error', error: { type: 'invalid_request_error' } } });
    expect((await raw('/v1/organizations/api_keys', { 'x-api-key': ADMIN_KEY, 'anthropic-version': '1999-01-01' })).status).toBe(400);
  });

  it('requires the analytics beta header (which the SDK sends by itself)', async () => {
    const res = await raw('/v1/organizations/analytics/usage?starting_at=2026-03-04T09:00:00Z');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('analytics-usage-cost-2026-08-24');
  });
});

describe('fake Anthropic admin API: analytics usage and cost', () => {
  const start = Date.parse('2026-03-04T09:00:00Z');

  it('snaps buckets to UTC and reads RFC 3339 times', async () => {
    const page = await analytics().usage.list({
      starting_at: '2026-03-04T09:20:00+00:00',
      ending_at: '2026-03-04T12:00:00Z',
      time_bucket_width: '1h',
      group_by: ['api_key_id'],
      order_by: 'time',
      order: 'asc',
    });
    expect(page.data[0]?.starting_at).toBe('2026-03-04T09:00:00Z');
    expect(new Set(page.data.map((r) => r.starting_at))).toEqual(new Set(['2026-03-04T09:00:00Z', '2026-03-04T10:00:00Z', '2026-03-04T11:00:00Z']));
    await expect(analytics().usage.list({ starting_at: 'yesterday' })).rejects.toBeInstanceOf(BadRequestError);
  });

  it.each([
    ['more than 1000 rows a page', { limit: 1001, time_bucket_width: '1h' as const, ending_at: '2026-03-04T12:00:00Z' }],
    ['minutes over more than 24 hours', { time_bucket_width: '1m' as const, ending_at: '2026-03-05T09:01:00Z' }],
    ['more than 31 days', { time_bucket_width: '1d' as const, starting_at: '2026-01-02T00:00:00Z', ending_at: '2026-02-03T00:00:00Z' }],
    ['a bucket width without ending_at', { time_bucket_width: '1h' as const }],
    ['before 2026', { starting_at: '2025-12-31T00:00:00Z', ending_at: '2026-01-02T00:00:00Z' }],
  ])('rejects %s with 400', async (_name, query) => {
    await expect(analytics().usage.list({ starting_at: '2026-03-04T09:00:00Z', ...query })).rejects.toBeInstanceOf(BadRequestError);
  });

  it('pages with has_more / next_page cursors, and the pages add up to the ground truth', async () => {
    const query = { starting_at: '2026-03-04T09:00:00Z', ending_at: '2026-03-04T12:34:00Z', time_bucket_width: '1m' as const, group_by: ['api_key_id' as const, 'model' as const] };
    const first = await analytics().usage.list({ ...query, limit: 50 });
    expect(first.has_more).toBe(true);
    expect(first.next_page).toMatch(/^page_/);
    expect(first.data).toHaveLength(50);
    const rows = [];
    for await (const row of analytics().usage.list({ ...query, limit: 50 })) rows.push(row);
    expect(rows.length).toBeGreaterThan(50);
    expect(new Set(rows.map((r) => `${r.starting_at}/${r.group.api_key_id}/${r.group.model}`)).size).toBe(rows.length);
    const got = totalsOf(
      rows.map(({ group, usage }) => ({
        key: group.api_key_id,
        model: group.model,
        input: usage.uncached_input_tokens,
        cached: usage.cache_read_input_tokens,
        output: usage.output_tokens,
        requests: usage.requests,
      })),
    );
    expect(got).toEqual(truthTotals(start, Date.parse(query.ending_at)));
    expect(rows.every((r) => r.usage.cache_creation.ephemeral_5m_input_tokens === 0 && r.group.workspace_id === null)).toBe(true);
    expect(rows.some((r) => !keys.some((k) => k.providerKeyId === r.group.api_key_id))).toBe(false);
  });

  it('reports cost as decimal strings in cents, priced consistently with priceUsage', async () => {
    const day = Date.parse('2026-03-03T00:00:00Z');
    const page = await analytics().cost.list({ starting_at: '2026-03-03T00:00:00Z', ending_at: '2026-03-04T00:00:00Z', time_bucket_width: '1d', group_by: ['api_key_id', 'model'] });
    expect(page.data.length).toBeGreaterThan(0);
    for (const row of page.data) {
      expect(row.cost.amount).toMatch(/^\d+(\.\d+)?$/);
      expect(row.cost.currency).toBe('USD');
      expect(typeof row.cost.requests).toBe('number');
    }
    const usd = (r: FakeUsageRow) =>
      priceUsage({ provider: 'anthropic', model: r.model, inputTokens: r.inputTokens, cachedInputTokens: r.cachedInputTokens, cacheWriteTokens: 0, outputTokens: r.outputTokens, at: new Date(day) })
        .costUsd;
    for (const truth of anthropicTruth(day, day + 86_400_000)) {
      const row = page.data.find((r) => r.group.api_key_id === truth.providerKeyId && r.group.model === truth.model);
      expect(usd(truth)).toBeGreaterThan(0);
      expect(Number(row?.cost.amount) / 100).toBeCloseTo(usd(truth), 6);
    }
  });

  it('splits cost by token type on request', async () => {
    const page = await analytics().cost.list({ starting_at: '2026-03-03T00:00:00Z', ending_at: '2026-03-04T00:00:00Z', time_bucket_width: '1d', group_by: ['model', 'token_type'] });
    expect(new Set(page.data.map((r) => r.group.token_type))).toEqual(new Set(['uncached_input_tokens', 'cache_read_input_tokens', 'output_tokens']));
    expect(page.data.every((r) => r.group.cost_type === 'tokens' && r.cost.requests === null)).toBe(true);
  });

  it('answers organization_not_enrolled_in_beta when analytics is off', async () => {
    const off = await startFakeAnthropic({ traffic, adminKey: ADMIN_KEY, analyticsEnabled: false });
    try {
      const c = new Anthropic({ apiKey: ADMIN_KEY, authToken: null, baseURL: off.baseURL, maxRetries: 0 });
      const error = await c.beta.organization.analytics.usage.list({ starting_at: '2026-03-04T09:00:00Z' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect(error).toMatchObject({ status: 400, errorCode: 'organization_not_enrolled_in_beta', type: 'invalid_request_error' });
      expect((error as BadRequestError).constructor.name).toBe('BetaOrganizationNotEnrolledInBetaError');
      await expect(c.beta.organization.analytics.cost.list({ starting_at: '2026-03-04T09:00:00Z' })).rejects.toMatchObject({ errorCode: 'organization_not_enrolled_in_beta' });
    } finally {
      await off.stop();
    }
  });
});

describe('fake Anthropic admin API: legacy messages usage report', () => {
  const q = (params: string) => raw(`/v1/organizations/usage_report/messages?${params}`);

  it('serves the same traffic, tokens only, with bracketed group_by and snapped, empty-inclusive buckets', async () => {
    const res = await q('starting_at=2026-03-04T09:20:00Z&ending_at=2026-03-04T14:00:00Z&bucket_width=1h&group_by[]=api_key_id&group_by[]=model');
    const data = res.body.data as { starting_at: string; results: Record<string, unknown>[] }[];
    expect(data.map((b) => b.starting_at)).toEqual(['2026-03-04T09:00:00Z', '2026-03-04T10:00:00Z', '2026-03-04T11:00:00Z', '2026-03-04T12:00:00Z']);
    expect(data[0]!.results[0]).not.toHaveProperty('requests');
    expect(data[0]!.results[0]).toMatchObject({ service_tier: null, workspace_id: null, cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 } });
    const rows = data.flatMap((b) => b.results) as { api_key_id: string; model: string; uncached_input_tokens: number; cache_read_input_tokens: number; output_tokens: number }[];
    const got = totalsOf(rows.map((r) => ({ key: r.api_key_id, model: r.model, input: r.uncached_input_tokens, cached: r.cache_read_input_tokens, output: r.output_tokens })));
    expect(got).toEqual(truthTotals(Date.parse('2026-03-04T09:00:00Z'), NOW, false));
    const night = await q('starting_at=2026-03-01T02:00:00Z&ending_at=2026-03-01T03:00:00Z&bucket_width=1m&api_key_ids[]=apikey_demo_search_answers');
    expect((night.body.data as unknown[]).length).toBe(60); // Sunday night in New York: mostly empty minutes, all listed
  });

  it.each([
    ['1m', 1441],
    ['1h', 169],
    ['1d', 32],
  ])('caps %s at its limit maximum (%i is too many)', async (width, limit) => {
    expect((await q(`starting_at=2026-03-01T00:00:00Z&bucket_width=${width}&limit=${limit}`)).status).toBe(400);
    expect((await q(`starting_at=2026-03-01T00:00:00Z&bucket_width=${width}&limit=${limit - 1}`)).status).toBe(200);
  });

  it('pages by buckets with the default limits', async () => {
    const first = await q('starting_at=2026-03-02T00:00:00Z&bucket_width=1h');
    expect(first.body).toMatchObject({ has_more: true });
    expect((first.body.data as unknown[]).length).toBe(24);
    const second = await q(`starting_at=2026-03-02T00:00:00Z&bucket_width=1h&page=${encodeURIComponent(String(first.body.next_page))}`);
    expect((second.body.data as { starting_at: string }[])[0]!.starting_at).toBe('2026-03-03T00:00:00Z');
  });
});

describe('fake Anthropic admin API: API keys', () => {
  it('lists keys with workspace, creator, hint and status, paging by after_id', async () => {
    const listed = [];
    for await (const key of sdk.organization.apiKeys.list({ limit: 1 })) listed.push(key);
    expect(listed.map((k) => k.id)).toEqual(keys.map((k) => k.providerKeyId));
    expect(listed[0]).toMatchObject({ type: 'api_key', status: 'active', partial_key_hint: keys[0]!.redactedHint, scope: { type: 'workspace', workspace_id: keys[0]!.projectId } });
    expect(listed[0]!.created_by).toMatchObject({ type: 'user' });
  });

  it('retrieves one key, and disables it with POST {status: inactive}', async () => {
    const id = keys[1]!.providerKeyId;
    expect((await sdk.organization.apiKeys.retrieve(id)).name).toBe(keys[1]!.name);
    const updated = await sdk.organization.apiKeys.update(id, { status: 'inactive' });
    expect(updated.status).toBe('inactive');
    expect(fake.keyStatus.get(id)).toBe('inactive');
    const active = [];
    for await (const key of sdk.organization.apiKeys.list({ status: 'active' })) active.push(key.id);
    expect(active).not.toContain(id);
    await expect(sdk.organization.apiKeys.retrieve('apikey_nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('an inactive key stops spending until it is active again', async () => {
    let now = NOW;
    const moving = new FakeTraffic({ keys: DEMO_KEYS, seed: DEMO_SEED, now: () => now });
    const other = await startFakeAnthropic({ traffic: moving, adminKey: ADMIN_KEY });
    try {
      const id = keys[0]!.providerKeyId;
      const own = (from: number, to: number) => moving.truth(from, to).filter((r) => r.providerKeyId === id).length;
      const admin = new Anthropic({ apiKey: ADMIN_KEY, authToken: null, baseURL: other.baseURL, maxRetries: 0 });
      await admin.organization.apiKeys.update(id, { status: 'inactive' });
      now += 3 * 3_600_000;
      await admin.organization.apiKeys.update(id, { status: 'active' });
      now += 3 * 3_600_000;
      expect(own(NOW - 3 * 3_600_000, NOW)).toBeGreaterThan(0);
      expect(own(NOW + 60_000, NOW + 3 * 3_600_000)).toBe(0);
      expect(own(NOW + 3 * 3_600_000 + 60_000, now)).toBeGreaterThan(0);
    } finally {
      await other.stop();
    }
  });
});
