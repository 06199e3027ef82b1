import OpenAI, { AuthenticationError, BadRequestError, NotFoundError, PermissionDeniedError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS, DEMO_SEED } from '@/lib/demo/demo-keys';
import { FakeTraffic } from './fake-traffic';
import { startFakeOpenAI } from './openai-admin-server';
import type { FakeOpenAI } from './openai-admin-server';

// Drives the fake with the official SDK, unchanged, and checks the wire format of
// /work/shared/reference/provider-apis.md §1. Runs in UTC.

const ADMIN = 'sk-admin-fake-test-0000';
const NOW = Date.parse('2026-03-04T12:34:20Z');
const sec = (iso: string) => Date.parse(iso) / 1000;
const keys = DEMO_KEYS.filter((k) => k.provider === 'openai');
const traffic = new FakeTraffic({ keys, seed: DEMO_SEED, now: () => NOW });

let fake: FakeOpenAI;
let client: OpenAI;
const wire: { url: string; authorization: string | null; organization: string | null }[] = [];

const sdk = (adminAPIKey: string) =>
  new OpenAI({
    adminAPIKey,
    apiKey: null,
    baseURL: fake.baseURL,
    maxRetries: 0,
    fetch: async (url, init) => {
      const headers = new Headers(init?.headers);
      wire.push({ url: String(url), authorization: headers.get('authorization'), organization: headers.get('openai-organization') });
      return fetch(url, init);
    },
  });

const raw = (pathAndQuery: string, key: string | null = ADMIN) => fetch(`${fake.baseURL}${pathAndQuery}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

beforeAll(async () => {
  fake = await startFakeOpenAI({ traffic, adminKey: ADMIN, archivedProjectIds: ['proj_demo_default'] });
  client = sdk(ADMIN);
});
afterAll(() => fake.stop());

describe('fake OpenAI admin API: auth', () => {
  it('receives the admin key as a Bearer token and arrays as `k[]=v`', async () => {
    wire.length = 0;
    await client.admin.organization.usage.completions({ start_time: sec('2026-03-04T09:00:00Z'), group_by: ['api_key_id', 'model'], api_key_ids: ['key_demo_support_chat'] });
    expect(wire[0]!.authorization).toBe(`Bearer ${ADMIN}`);
    expect(wire[0]!.organization).toBeNull();
    expect(new URL(wire[0]!.url).search).toContain('group_by%5B%5D=api_key_id&group_by%5B%5D=model&api_key_ids%5B%5D=key_demo_support_chat');
  });

  it('answers 401 with the OpenAI envelope for a missing or wrong key, 403 for a project key', async () => {
    const missing = await raw('/organization/usage/completions?start_time=1772600000', null);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: { message: expect.stringContaining("didn't provide an API key"), type: 'invalid_request_error', param: null, code: null } });

    const wrong = await sdk('sk-admin-fake-wrong-9999').admin.organization.projects.list().catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(AuthenticationError);
    expect((wrong as AuthenticationError).status).toBe(401);
    expect((wrong as AuthenticationError).code).toBe('invalid_api_key');
    expect((wrong as Error).message).toMatch(/Incorrect API key provided: sk-admin\*+9999/);
    expect((wrong as Error).message).not.toContain('sk-admin-fake-wrong-9999');

    const project = await sdk('sk-proj-fake-test-0000').admin.organization.usage.costs({ start_time: 1772600000 }).catch((e: unknown) => e);
    expect(project).toBeInstanceOf(PermissionDeniedError);
    expect((project as Error).message).toContain('api.usage.read');
  });
});

describe('fake OpenAI admin API: usage', () => {
  const usage = () => client.admin.organization.usage;

  it.each([
    ['1m', 1441],
    ['1h', 169],
    ['1d', 32],
  ] as const)('rejects limit beyond the %s maximum with 400', async (bucket_width, limit) => {
    const error = await usage().completions({ start_time: sec('2026-03-01T00:00:00Z'), bucket_width, limit }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe('limit');
  });

  it('requires start_time and rejects unknown widths and group_by values', async () => {
    const missing = await raw('/organization/usage/completions?bucket_width=1h');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { param: string } }).error.param).toBe('start_time');
    expect((await raw('/organization/usage/completions?start_time=1772600000&bucket_width=5m')).status).toBe(400);
    expect((await raw('/organization/usage/embeddings?start_time=1772600000&group_by=batch')).status).toBe(400);
  });

  it('defaults to 24 hourly buckets, the first starting at the unaligned start_time', async () => {
    const page = await usage().completions({ start_time: sec('2026-03-02T09:20:00Z'), bucket_width: '1h' });
    expect(page.data).toHaveLength(24);
    expect(page.data.slice(0, 3).map((b) => [b.start_time, b.end_time])).toEqual([
      [sec('2026-03-02T09:20:00Z'), sec('2026-03-02T10:00:00Z')],
      [sec('2026-03-02T10:00:00Z'), sec('2026-03-02T11:00:00Z')],
      [sec('2026-03-02T11:00:00Z'), sec('2026-03-02T12:00:00Z')],
    ]);
    expect(page.has_more).toBe(true);
  });

  it('returns fields not grouped by as null and sums over them; input_tokens include cached ones', async () => {
    const [start, end] = [sec('2026-03-03T00:00:00Z'), sec('2026-03-04T00:00:00Z')];
    const page = await usage().completions({ start_time: start, end_time: end, bucket_width: '1d', group_by: ['api_key_id'] });
    expect(page.data).toHaveLength(1);
    const results = page.data[0]!.results as OpenAI.Admin.Organization.UsageCompletionsResponse.Data.OrganizationUsageCompletionsResult[];
    for (const r of results) {
      expect(r).toMatchObject({ object: 'organization.usage.completions.result', project_id: null, user_id: null, model: null, batch: null, service_tier: null });
      const truth = traffic.truth(start * 1000, end * 1000).filter((t) => t.providerKeyId === r.api_key_id);
      expect(r.num_model_requests).toBe(truth.reduce((s, t) => s + t.requests, 0));
      expect(r.input_tokens).toBe(truth.reduce((s, t) => s + t.inputTokens + t.cachedInputTokens, 0));
      expect(r.input_cached_tokens).toBe(truth.reduce((s, t) => s + t.cachedInputTokens, 0));
    }
    expect(new Set(results.map((r) => r.api_key_id))).toEqual(new Set(keys.map((k) => k.providerKeyId)));
  });

  it('pages with an opaque base64 cursor until has_more is false', async () => {
    const [start, end] = [sec('2026-03-01T00:00:00Z'), sec('2026-03-02T06:00:00Z')];
    const buckets: number[] = [];
    let requests = 0;
    let input = 0;
    for (let page: string | undefined; ; ) {
      const body = await usage().completions({ start_time: start, end_time: end, bucket_width: '1h', limit: 7, group_by: ['model'], ...(page ? { page } : {}) });
      requests += 1;
      buckets.push(...body.data.map((b) => b.start_time));
      input += body.data.flatMap((b) => b.results).reduce((s, r) => s + ('input_tokens' in r ? r.input_tokens : 0), 0);
      if (!body.has_more) {
        expect(body.next_page).toBeNull();
        break;
      }
      expect(body.next_page).toMatch(/^[A-Za-z0-9+/]+=*$/);
      page = body.next_page!;
    }
    expect(requests).toBe(5); // 30 hours, 7 a page
    expect(buckets).toEqual(Array.from({ length: 30 }, (_, i) => start + i * 3600));
    expect(input).toBe(traffic.truth(start * 1000, end * 1000).reduce((s, t) => s + t.inputTokens + t.cachedInputTokens, 0));
  });

  it('keeps empty buckets, with results: []', async () => {
    const page = await usage().completions({ start_time: sec('2026-03-04T12:00:00Z'), end_time: sec('2026-03-04T15:00:00Z'), bucket_width: '1h' });
    expect(page.data.map((b) => b.results.length > 0)).toEqual([true, false, false]); // the fake's clock is 12:34
  });

  it('filters by api_key_ids, project_ids and models', async () => {
    const q = { start_time: sec('2026-03-03T00:00:00Z'), end_time: sec('2026-03-04T00:00:00Z'), group_by: ['api_key_id' as const, 'project_id' as const, 'model' as const] };
    const rows = async (filters: Partial<OpenAI.Admin.Organization.UsageCompletionsParams>) =>
      (await usage().completions({ ...q, ...filters })).data.flatMap((b) => b.results) as { api_key_id: string; project_id: string; model: string }[];
    expect(new Set((await rows({ api_key_ids: ['key_demo_support_chat'] })).map((r) => r.api_key_id))).toEqual(new Set(['key_demo_support_chat']));
    expect(new Set((await rows({ project_ids: ['proj_demo_helpdesk'] })).map((r) => r.api_key_id))).toEqual(new Set(['key_demo_support_chat', 'key_demo_staging_support_chat']));
    expect(new Set((await rows({ models: ['gpt-4.1-2025-04-14'] })).map((r) => r.model))).toEqual(new Set(['gpt-4.1-2025-04-14']));
  });

  it('serves the other usage endpoints as valid empty buckets', async () => {
    const q = { start_time: sec('2026-03-03T00:00:00Z'), end_time: sec('2026-03-03T03:00:00Z'), bucket_width: '1h' as const };
    const u = usage();
    const pages = await Promise.all([u.embeddings(q), u.moderations(q), u.images(q), u.audioSpeeches(q), u.audioTranscriptions(q), u.vectorStores(q), u.codeInterpreterSessions(q), u.fileSearchCalls(q), u.webSearchCalls(q)]);
    for (const page of pages) {
      expect(page).toMatchObject({ object: 'page', has_more: false, next_page: null });
      expect(page.data.map((b) => [b.object, b.results.length])).toEqual([['bucket', 0], ['bucket', 0], ['bucket', 0]]);
    }
  });

  it.each([
    ['group_by=api_key_id&group_by=model'],
    ['group_by[]=api_key_id&group_by[]=model'],
  ])('accepts arrays on the wire as %s', async (groupBy) => {
    const res = await raw(`/organization/usage/completions?start_time=${sec('2026-03-03T00:00:00Z')}&end_time=${sec('2026-03-04T00:00:00Z')}&${groupBy}`);
    const body = (await res.json()) as { data: { results: { api_key_id: string | null; model: string | null; project_id: string | null }[] }[] };
    const results = body.data[0]!.results;
    expect(results.length).toBeGreaterThan(keys.length); // per key and model
    expect(results.every((r) => r.api_key_id && r.model && r.project_id === null)).toBe(true);
  });
  it('accepts a single group_by[] value', async () => {
    const res = await raw(`/organization/usage/completions?start_time=${sec('2026-03-03T00:00:00Z')}&end_time=${sec('2026-03-04T00:00:00Z')}&group_by[]=project_id`);
    const body = (await res.json()) as { data: { results: { project_id: string | null; api_key_id: string | null }[] }[] };
    expect(body.data[0]!.results.map((r) => r.project_id).sort()).toEqual(['proj_demo_data', 'proj_demo_default', 'proj_demo_helpdesk']);
    expect(body.data[0]!.results.every((r) => r.api_key_id === null)).toBe(true);
  });
});

describe('fake OpenAI admin API: costs', () => {
  const [start, end] = [sec('2026-03-02T00:00:00Z'), sec('2026-03-04T00:00:00Z')];

  it('reports dollars as numbers in "usd", per key and line item', async () => {
    const page = await client.admin.organization.usage.costs({ start_time: start, end_time: end, group_by: ['api_key_id', 'line_item'] });
    expect(page.data).toHaveLength(2);
    const results = page.data.flatMap((b) => b.results) as OpenAI.Admin.Organization.UsageCostsResponse.Data.OrganizationCostsResult[];
    for (const r of results) {
      expect(r).toMatchObject({ object: 'organization.costs.result', project_id: null, amount: { currency: 'usd', value: expect.any(Number) } });
      expect(r.line_item).toMatch(/^[a-z0-9.-]+, (input|cached input|output)$/);
      expect(r.quantity).toBeGreaterThan(0);
    }
    for (const k of keys) {
      const usd = results.filter((r) => r.api_key_id === k.providerKeyId).reduce((s, r) => s + r.amount!.value!, 0);
      expect(usd).toBeCloseTo(traffic.truth(start * 1000, end * 1000).filter((t) => t.providerKeyId === k.providerKeyId).reduce((s, t) => s + t.costUsd, 0), 6);
    }
  });

  it('leaves line_item and quantity null when not grouped by line item; 1d only; limit up to 180', async () => {
    const page = await client.admin.organization.usage.costs({ start_time: start, end_time: end, group_by: ['project_id'] });
    expect(page.data[0]!.results.every((r) => 'line_item' in r && r.line_item === null && r.quantity === null)).toBe(true);
    expect((await raw(`/organization/costs?start_time=${start}&bucket_width=1h`)).status).toBe(400);
    expect((await raw(`/organization/costs?start_time=${start}&limit=181`)).status).toBe(400);
    expect((await raw(`/organization/costs?start_time=${start}&limit=180`)).status).toBe(200);
  });
});

describe('fake OpenAI admin API: projects and keys', () => {
  it('lists projects, archived ones only on request, with after cursors', async () => {
    const active = [];
    for await (const p of client.admin.organization.projects.list({ limit: 1 })) active.push(p.id);
    expect(active).toEqual(['proj_demo_helpdesk', 'proj_demo_data']);
    const all = await client.admin.organization.projects.list({ include_archived: true });
    expect(all.data.map((p) => [p.id, p.status])).toEqual([
      ['proj_demo_helpdesk', 'active'],
      ['proj_demo_data', 'active'],
      ['proj_demo_default', 'archived'],
    ]);
    expect(all).toMatchObject({ has_more: false, last_id: 'proj_demo_default' });
  });

  it('lists, retrieves and deletes project API keys', async () => {
    const apiKeys = client.admin.organization.projects.apiKeys;
    const ids = [];
    for await (const k of apiKeys.list('proj_demo_helpdesk', { limit: 1 })) ids.push(k.id);
    expect(ids).toEqual(['key_demo_support_chat', 'key_demo_staging_support_chat']);
    const key = await apiKeys.retrieve('key_demo_support_chat', { project_id: 'proj_demo_helpdesk' });
    expect(key).toMatchObject({ object: 'organization.project.api_key', name: 'Support chat', redacted_value: 'sk-...demo1', owner: { type: 'user', user: { email: 'maria@example.com' } } });

    expect(await apiKeys.delete('key_demo_staging_support_chat', { project_id: 'proj_demo_helpdesk' })).toEqual({ object: 'organization.project.api_key.deleted', id: 'key_demo_staging_support_chat', deleted: true });
    expect(fake.deletedKeys.has('key_demo_staging_support_chat')).toBe(true);
    expect((await apiKeys.list('proj_demo_helpdesk')).data.map((k) => k.id)).toEqual(['key_demo_support_chat']);
    const again = await apiKeys.delete('key_demo_staging_support_chat', { project_id: 'proj_demo_helpdesk' }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(NotFoundError);
    expect((again as NotFoundError).error).toMatchObject({ message: expect.stringContaining('key_demo_staging_support_chat'), type: 'invalid_request_error' });
  });

  it('a deleted key stops spending: its usage ends at the deletion, others go on', async () => {
    let now = NOW;
    const moving = new FakeTraffic({ keys, seed: DEMO_SEED, now: () => now });
    const other = await startFakeOpenAI({ traffic: moving, adminKey: ADMIN });
    try {
      const id = 'key_demo_support_chat';
      const spend = (from: number, to: number) => (own: boolean) => moving.truth(from, to).filter((r) => (r.providerKeyId === id) === own).length;
      const res = await fetch(`${other.baseURL}/organization/projects/proj_demo_helpdesk/api_keys/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN}` } });
      expect(res.status).toBe(200);
      now += 3 * 3_600_000;
      const before = spend(NOW - 3 * 3_600_000, NOW);
      const after = spend(NOW + 60_000, now);
      expect([before(true) > 0, before(false) > 0]).toEqual([true, true]);
      expect([after(true), after(false) > 0]).toEqual([0, true]);
    } finally {
      await other.stop();
    }
  });

  it('answers unknown paths with a 404 envelope', async () => {
    const res = await raw('/organization/nothing');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { message: 'Invalid URL (GET /v1/organization/nothing)' } });
  });
});
