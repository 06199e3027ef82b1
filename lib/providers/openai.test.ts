import { AuthenticationError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeTraffic } from '@/fakes/fake-traffic';
import type { FakeUsageRow } from '@/fakes/fake-traffic';
import { startFakeOpenAI } from '@/fakes/openai-admin-server';
import type { FakeOpenAI } from '@/fakes/openai-admin-server';
import { DEMO_KEYS, DEMO_SEED } from '@/lib/demo/demo-keys';
import { retryAfterMs, toProviderError } from './openai-errors';
import { modelOfLineItem } from './openai-usage';
import { createOpenAIProvider, openaiProvider } from './openai';
import { ProviderError } from './provider';
import type { ConnectionAccess, PageProgress, UsageRow, WidthSeconds } from './provider';

// The connector against the fake OpenAI Admin API on loopback. Runs in UTC.

const ADMIN = 'sk-admin-fake-test-0000';
const NOW = Date.parse('2026-03-04T12:34:20Z');
const keys = DEMO_KEYS.filter((k) => k.provider === 'openai');
const traffic = new FakeTraffic({ keys, seed: DEMO_SEED, now: () => NOW });

let fake: FakeOpenAI;
let access: ConnectionAccess;

beforeAll(async () => {
  fake = await startFakeOpenAI({ traffic, adminKey: ADMIN, archivedProjectIds: ['proj_demo_default'] });
  access = { adminKey: ADMIN, baseUrl: fake.baseURL };
});
afterAll(() => fake.stop());
afterEach(() => {
  fake.faults.clear();
  vi.unstubAllEnvs();
});

type Totals = Pick<FakeUsageRow, 'requests' | 'inputTokens' | 'cachedInputTokens' | 'outputTokens'>;
function perKeyModel(rows: (UsageRow | FakeUsageRow)[]): Record<string, Totals> {
  const out: Record<string, Totals> = {};
  for (const r of rows) {
    const t = (out[`${r.providerKeyId} ${r.model}`] ??= { requests: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 });
    t.requests += r.requests;
    t.inputTokens += r.inputTokens;
    t.cachedInputTokens += r.cachedInputTokens;
    t.outputTokens += r.outputTokens;
  }
  return out;
}

describe('openaiProvider.fetchUsage', () => {
  it.each([
    // width, start, end, buckets per page (default: the connector's own)
    [60, '2026-03-02T09:00:00Z', '2026-03-03T11:00:00Z', undefined], // 26 h: two chunks, three pages
    [3600, '2026-02-23T09:20:00Z', '2026-03-04T12:00:00Z', undefined], // unaligned start, two chunks
    [86400, '2026-01-20T00:00:00Z', '2026-03-04T00:00:00Z', 7], // 43 days: two chunks, seven pages
  ] as const)('per key and model totals equal the truth at width %ss', async (width, from, to, pageLimit) => {
    const provider = pageLimit ? createOpenAIProvider({ pageLimits: { [width]: pageLimit } }) : openaiProvider;
    const window = { startMs: Date.parse(from), endMs: Date.parse(to), widthSeconds: width as WidthSeconds };
    const progress: PageProgress[] = [];
    const before = fake.requests.length;
    const rows = await provider.fetchUsage(access, window, (p) => progress.push(p));

    expect(perKeyModel(rows)).toEqual(perKeyModel(traffic.truth(window.startMs, window.endMs)));
    const completionPages = fake.requests.slice(before).filter((r) => r.path.endsWith('/usage/completions')).length;
    expect(completionPages).toBeGreaterThan(2);
    expect(progress.at(-1)!.pages).toBe(fake.requests.length - before);
    expect(rows.every((r) => r.bucketStartMs % (width * 1000) === 0 && r.widthSeconds === width && r.projectId?.startsWith('proj_demo_') && r.batch === false)).toBe(true);
    // One row per bucket, key and model.
    expect(new Set(rows.map((r) => `${r.bucketStartMs} ${r.providerKeyId} ${r.model}`)).size).toBe(rows.length);
  });

  it('sends only the admin key, whatever OPENAI_* variables say', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-fake-env-key-0000');
    vi.stubEnv('OPENAI_ORG_ID', 'org-fake-env');
    vi.stubEnv('OPENAI_BASE_URL', 'http://127.0.0.1:9/v1');
    const seen: Headers[] = [];
    const provider = createOpenAIProvider({ fetch: async (url, init) => (seen.push(new Headers(init?.headers)), fetch(url, init)) });
    await provider.fetchUsage(access, { startMs: Date.parse('2026-03-04T10:00:00Z'), endMs: Date.parse('2026-03-04T11:00:00Z'), widthSeconds: 3600 });
    expect(seen.length).toBe(6); // completions, embeddings, moderations, images, audio speeches and transcriptions
    for (const h of seen) {
      expect(h.get('authorization')).toBe(`Bearer ${ADMIN}`);
      expect(h.get('openai-organization')).toBeNull();
      expect(h.get('openai-project')).toBeNull();
    }
  });
});

describe('openaiProvider errors', () => {
  const window = { startMs: Date.parse('2026-03-02T00:00:00Z'), endMs: Date.parse('2026-03-03T00:00:00Z'), widthSeconds: 60 as const };
  const failure = (p: Promise<unknown>) => p.then(() => expect.fail('expected a ProviderError'), (e: unknown) => e as ProviderError);

  it('passes a 429 on with its Retry-After, without retrying', async () => {
    fake.faults.inject({ kind: 'rate_limit', retryAfterSeconds: 7 });
    const before = fake.requests.length;
    const error = await failure(openaiProvider.fetchUsage(access, window));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'openai', kind: 'rate_limited', status: 429, retryAfterMs: 7_000, retryable: true });
    expect(error.message).toContain('Rate limit reached');
    expect(fake.requests.length - before).toBe(1);
  });

  it.each([
    ['a 500', { kind: 'server_error' } as const, 500],
    ['a 503', { kind: 'server_error', status: 503 } as const, 503],
    ['a 500 on page 2', { kind: 'fail_page', page: 2 } as const, 500],
  ])('maps %s to unavailable', async (_, fault, status) => {
    fake.faults.inject(fault);
    const pages: PageProgress[] = [];
    const error = await failure(openaiProvider.fetchUsage(access, window, (p) => pages.push(p)));
    expect(error).toMatchObject({ kind: 'unavailable', status, retryable: true });
    expect(pages).toHaveLength(fault.kind === 'fail_page' ? 1 : 0);
  });

  it('maps a timeout to unavailable', async () => {
    fake.faults.inject({ kind: 'timeout' });
    const error = await failure(createOpenAIProvider({ timeoutMs: 200 }).fetchUsage(access, window));
    expect(error).toMatchObject({ kind: 'unavailable', status: undefined });
    expect(error.message).toMatch(/timed out/);
  });

  it('maps a connection refused to unavailable', async () => {
    const error = await failure(openaiProvider.listKeys({ adminKey: ADMIN, baseUrl: 'http://127.0.0.1:9/v1' }));
    expect(error).toMatchObject({ kind: 'unavailable' });
  });

  it('maps a wrong key to auth with OpenAI’s message, and never shows the key', async () => {
    const wrongKey = 'sk-admin-fake-wrong-9999';
    const error = await failure(openaiProvider.validateCredential({ adminKey: wrongKey, baseUrl: fake.baseURL }));
    expect(error).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(error.message).toMatch(/^Incorrect API key provided: sk-admin\*+9999\./);
    expect(`${error.message}\n${error.stack}\n${JSON.stringify(error)}`).not.toContain(wrongKey);
  });

  it('maps a project key to forbidden', async () => {
    const error = await failure(openaiProvider.fetchCosts({ adminKey: 'sk-proj-fake-test-0000', baseUrl: fake.baseURL }, window));
    expect(error).toMatchObject({ kind: 'forbidden', status: 403 });
  });

  it('cuts the admin key out of anything echoed back', () => {
    const echoed = new AuthenticationError(401, { message: `Incorrect API key provided: ${ADMIN}.` }, undefined, new Headers());
    const error = toProviderError(echoed, ADMIN) as ProviderError;
    expect(error.message).toBe('Incorrect API key provided: [redacted].');
    expect(error.stack).not.toContain(ADMIN);
    expect(String(toProviderError(new Error(`boom ${ADMIN}`), ADMIN))).not.toContain(ADMIN);
  });

  it.each([
    [{ 'retry-after': '7' }, 7_000],
    [{ 'retry-after-ms': '1500', 'retry-after': '9' }, 1_500],
    [{ 'retry-after': new Date(NOW + 20_000).toUTCString() }, 20_000],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('reads Retry-After %j', (headers, ms) => expect(retryAfterMs(new Headers(headers), NOW)).toBe(ms));

  it('refuses an empty admin key before calling out', async () => {
    expect(await failure(openaiProvider.listKeys({ adminKey: ' ', baseUrl: fake.baseURL }))).toMatchObject({ kind: 'auth' });
  });
});

describe('openaiProvider.fetchCosts', () => {
  const window = { startMs: Date.parse('2026-02-20T00:00:00Z'), endMs: Date.parse('2026-03-04T00:00:00Z') };

  it('reports daily dollars per key and model that add up to the truth', async () => {
    const rows = await openaiProvider.fetchCosts(access, window);
    expect(new Set(rows.map((r) => r.dayStartMs)).size).toBe(12);
    expect(rows.every((r) => r.dayStartMs % 86_400_000 === 0 && r.projectId?.startsWith('proj_demo_') && r.model && r.model in perModel)).toBe(true);
    for (const k of keys) {
      const truth = traffic.truth(window.startMs, window.endMs).filter((t) => t.providerKeyId === k.providerKeyId);
      expect(rows.filter((r) => r.providerKeyId === k.providerKeyId).reduce((s, r) => s + r.costUsd, 0)).toBeCloseTo(truth.reduce((s, t) => s + t.costUsd, 0), 6);
    }
  });
  const perModel = Object.fromEntries(['gpt-4o-mini-2024-07-18', 'gpt-4.1-2025-04-14', 'gpt-4.1-mini-2025-04-14'].map((m) => [m, true]));

  it('accepts amounts sent as strings', async () => {
    const stringly: typeof fetch = async (url, init) => {
      const res = await fetch(url, init);
      const text = (await res.text()).replace(/"value":([0-9.e-]+)/g, '"value":"$1"');
      return new Response(text, { status: res.status, headers: res.headers });
    };
    const [asNumbers, asStrings] = await Promise.all([openaiProvider.fetchCosts(access, window), createOpenAIProvider({ fetch: stringly }).fetchCosts(access, window)]);
    expect(asStrings).toEqual(asNumbers);
  });

  it.each([
    ['gpt-4.1-2025-04-14, input', 'gpt-4.1-2025-04-14'],
    ['gpt-4o-mini-2024-07-18, cached input', 'gpt-4o-mini-2024-07-18'],
    ['File search storage', null],
    [null, null],
  ])('reads the model of line item %j', (item, model) => expect(modelOfLineItem(item)).toBe(model));
});

describe('openaiProvider keys', () => {
  it('validates a good credential', async () => {
    await expect(openaiProvider.validateCredential(access)).resolves.toBeUndefined();
  });

  it('lists the demo keys, archived projects included', async () => {
    const listed = await openaiProvider.listKeys(access);
    expect(listed.map((k) => k.providerKeyId).sort()).toEqual(keys.map((k) => k.providerKeyId).sort());
    for (const k of keys) {
      expect(listed.find((l) => l.providerKeyId === k.providerKeyId)).toEqual({
        providerKeyId: k.providerKeyId,
        name: k.name,
        redactedHint: k.redactedHint,
        projectId: k.projectId,
        projectName: k.projectName,
        owner: k.owner ?? 'svc-demo_legacy_crm', // the ownerless key belongs to a service account
        status: k.projectId === 'proj_demo_default' ? 'inactive' : 'active',
        createdAtMs: Date.parse(k.providerCreatedAt),
        lastUsedAtMs: Date.parse('2026-03-04T12:34:00Z'),
      });
    }
  });

  it('disables a key, finding its project when not given', async () => {
    await openaiProvider.disableKey(access, { providerKeyId: 'key_demo_support_chat', projectId: 'proj_demo_helpdesk' });
    await openaiProvider.disableKey(access, { providerKeyId: 'key_demo_nightly_enrichment', projectId: null });
    expect([...fake.deletedKeys].sort()).toEqual(['key_demo_nightly_enrichment', 'key_demo_support_chat']);
    const left = (await openaiProvider.listKeys(access)).map((k) => k.providerKeyId);
    expect(left).not.toContain('key_demo_support_chat');
    expect(left).not.toContain('key_demo_nightly_enrichment');
    const again = openaiProvider.disableKey(access, { providerKeyId: 'key_demo_support_chat', projectId: 'proj_demo_helpdesk' });
    await expect(again).rejects.toMatchObject({ kind: 'not_found', status: 404 });
  });
});
