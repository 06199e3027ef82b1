import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '@/fakes/anthropic-admin-server';
import { FakeTraffic } from '@/fakes/fake-traffic';
import { startFakeOpenAI, type FakeOpenAI } from '@/fakes/openai-admin-server';
import { freshDatabase } from './database';
import { signInAs } from './sign-in';
import { METHODS, ORIGIN, ROOT, routeFiles } from './api-routes';

// Random and malformed requests to every route handler under app/api (better-auth's own
// excepted): as a signed-in admin, so inputs get past the access check to validation, and
// the ingest routes with and without a token. Every answer must be a 2xx or a 4xx with a
// JSON `error.message`; never a 5xx. A 4xx must leave the database exactly as it was (a
// checksum of every table's rows before and after).
//
// Deterministic: the seed is fixed (FUZZ_SEED replays another; fast-check prints the seed
// and path of a failure). FUZZ_RUNS sets the runs per route.

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SKIPPED = new Set(['app/api/auth/[...all]/route.ts']); // better-auth's, not ours
const INGEST = new Set(['app/api/ingest/events/route.ts', 'app/api/ingest/otlp/v1/traces/route.ts']);

type Handler = (request: Request, context?: { params?: Promise<unknown> }) => Promise<Response>;

const fuzzedFiles = routeFiles().filter((f) => !SKIPPED.has(f));

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let openai: FakeOpenAI;
let anthropic: FakeAnthropic;
let cookie: string;
let ingestToken: string;
const ids = { key: '', incident: '', budget: '', route: '', connection: '', token: '' };

beforeAll(async () => {
  process.env.BURNRATE_MASTER_KEY ??= randomBytes(32).toString('base64');
  ctx = await freshDatabase();
  // Before anything reads them: the route modules' prisma() and env() are per process.
  process.env.DATABASE_URL = ctx.url;
  const traffic = () => new FakeTraffic({ keys: [], seed: 1, now: Date.now });
  // Provider checks (a new connection, a changed admin key) go to these, never outside.
  openai = await startFakeOpenAI({ traffic: traffic(), adminKey: 'sk-admin-fuzz-not-a-real-key-0001' });
  anthropic = await startFakeAnthropic({ traffic: traffic(), adminKey: 'sk-ant-admin01-fuzz-not-a-real-key-0002' });
  cookie = (await signInAs(ctx.prisma, 'admin')).cookie;
  const db = ctx.prisma;
  await db.environment.createMany({ data: [{ name: 'production' }, { name: 'staging' }] });
  ids.connection = (await db.providerConnection.create({ data: { name: 'Fuzz org', provider: 'openai', baseUrl: openai.baseURL, credentialEnv: 'BURNRATE_FUZZ_UNSET' } })).id;
  ids.key = (await db.apiKey.create({ data: { provider: 'openai', providerKeyId: 'key_fuzz', name: 'Fuzz key', environment: 'production', connectionId: ids.connection } })).id;
  await db.apiKey.create({ data: { provider: 'anthropic', providerKeyId: 'apikey_01fuzz', name: 'Fuzz claude', environment: 'staging' } });
  const now = new Date();
  ids.incident = (
    await db.incident.create({
      data: { kind: 'spike', keyId: ids.key, environment: 'production', severity: 'warning', summary: 'Fuzz spike', evidence: {}, dedupKey: 'fuzz-1', openedAt: now, lastSeenAt: now },
    })
  ).id;
  ids.budget = (await db.budget.create({ data: { scope: 'key', keyId: ids.key, monthlyUsd: 100 } })).id;
  const { createIngestToken } = await import('@/lib/ingest/ingest-tokens');
  const created = await createIngestToken(db, { name: 'fuzz-gateway' });
  ingestToken = created.token;
  ids.token = created.info.id;
  const { createRoute } = await import('@/lib/alerts/alert-routes');
  const route = await createRoute(db, { channel: 'slack', name: 'Fuzz route', target: 'http://127.0.0.1:9/hook', environments: [], kinds: [], minSeverity: 'warning', keyTags: [], digest: false, enabled: true }, { id: null, label: 'fuzz' });
  ids.route = route.id;
}, 120_000);

afterAll(async () => {
  const { prisma } = await import('@/lib/db');
  await prisma().$disconnect();
  await Promise.all([openai?.stop(), anthropic?.stop()]);
  await ctx?.cleanup();
});

// Every table's rows, hashed per table, so a failure names the table that changed.
async function tableChecksums(): Promise<Record<string, string>> {
  const tables = await ctx.prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`;
  const sql = tables.map(({ table_name: t }) => `SELECT '${t}' AS t, md5(coalesce(string_agg(r::text, ',' ORDER BY r::text), '')) AS h FROM "${t}" r`).join(' UNION ALL ');
  const rows = await ctx.prisma.$queryRawUnsafe<{ t: string; h: string }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

// ---- inputs -------------------------------------------------------------------------

const NASTY = [
  '', ' ', '\u0000', 'a\u0000b', 'null', 'undefined', 'true', '-1', '0', '1e309', 'NaN', '9'.repeat(40), '../../etc/passwd', '%', '%00', '%E0%A4%A',
  "' OR 1=1 --", '<script>alert(1)</script>', '\uD800', '😀'.repeat(20), 'ﷺ'.repeat(50), '\u202Eevil', 'x'.repeat(5_000), 'y'.repeat(70_000),
  '2026-13-45T99:99:99Z', '2026-02-30', 'Europe/Atlantis', '+01:00', '0b6f2c1e-0000-4000-8000-00000000000z',
];
const junkString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(...NASTY),
  fc.integer().map(String),
  fc.double().map(String),
);
const junkJson: fc.Arbitrary<unknown> = fc.oneof(
  junkString,
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, [], {}, Number.MAX_SAFE_INTEGER + 2),
  fc.array(junkString, { maxLength: 5 }),
);

type Json = unknown;
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A valid-looking value with one thing wrong: a field replaced, dropped or added, at any depth. */
function mutate(value: Json, depth = 0): fc.Arbitrary<Json> {
  const replaced = junkJson;
  if (isPlain(value) && Object.keys(value).length > 0) {
    const keys = Object.keys(value);
    const options: fc.Arbitrary<Json>[] = [
      fc.tuple(fc.constantFrom(...keys), replaced).map(([k, v]) => ({ ...value, [k]: v })),
      fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(value).filter(([key]) => key !== k))),
      fc.tuple(junkString, junkJson).map(([k, v]) => ({ ...value, [k]: v })),
    ];
    if (depth < 3) options.push(fc.constantFrom(...keys).chain((k) => mutate(value[k], depth + 1).map((v) => ({ ...value, [k]: v }))));
    return fc.oneof(...options);
  }
  if (Array.isArray(value) && value.length > 0 && depth < 3) {
    return fc.oneof(
      mutate(value[0], depth + 1).map((v) => [v, ...value.slice(1)]),
      fc.constant(Array.from({ length: 6_000 }, () => value[0])),
      fc.constant([]),
    );
  }
  return replaced;
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const event = () => ({ id: 'e1', timestamp: minutesAgo(10), key: 'key_fuzz', provider: 'openai', model: 'gpt-4o-mini', inputTokens: 100, outputTokens: 10, costUsd: 0.01, callerIp: '203.0.113.7', country: 'DE' });
const otlpSpan = () => ({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'burnrate.key', value: { stringValue: 'key_fuzz' } }] },
      scopeSpans: [
        {
          spans: [
            {
              traceId: '0af7651916cd43dd8448eb211c80319c',
              spanId: 'b7ad6b7169203331',
              startTimeUnixNano: String(BigInt(Date.now() - 600_000) * 1_000_000n),
              attributes: [
                { key: 'gen_ai.system', value: { stringValue: 'openai' } },
                { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o-mini' } },
                { key: 'gen_ai.usage.input_tokens', value: { intValue: '100' } },
                { key: 'gen_ai.usage.output_tokens', value: { intValue: 10 } },
              ],
            },
          ],
        },
      ],
    },
  ],
});

// A valid body per write route: mutations of it reach past the first field check.
function bodyTemplate(key: string): Json {
  const templates: Record<string, Json> = {
    'PUT /api/budgets': { scope: 'key', keyId: ids.key, monthlyUsd: 100, thresholds: [50, 100], timezone: 'UTC' },
    'PATCH /api/environments/[name]/settings': { timezone: 'Europe/Berlin', workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' } },
    'POST /api/incidents/[id]/feedback': { feedback: 'expected', note: 'a planned load test' },
    'POST /api/keys/[id]/disable': { confirmName: 'Fuzz key' },
    'POST /api/alert-routes': { channel: 'slack', name: 'Fuzz route 2', target: 'http://127.0.0.1:9/hook', environments: ['production'], kinds: ['spike'], minSeverity: 'warning', keyTags: [], enabled: true },
    'PATCH /api/alert-routes/[id]': { name: 'Fuzz route', target: 'http://127.0.0.1:9/other', environments: ['production'], kinds: ['spike'], minSeverity: 'error', keyTags: ['team'], enabled: true },
    'POST /api/connections': { name: 'Fuzz org 2', provider: 'openai', adminKey: 'sk-admin-fuzz-wrong-key', baseUrl: openai.baseURL },
    'PATCH /api/connections/[id]': { name: 'Fuzz org', enabled: true, adminKey: 'sk-admin-fuzz-wrong-key' },
    'POST /api/ingest-tokens': { name: 'fuzz-token-2', environment: 'production' },
    'PUT /api/settings/rotation': { rotationDays: 90 },
    'POST /api/ingest/events': { events: [event()] },
    'POST /api/ingest/otlp/v1/traces': otlpSpan(),
  };
  return templates[key];
}

// Every query parameter any route reads, with a valid value.
const queryTemplate = () => ({
  q: 'fuzz', environment: 'production', provider: 'openai', status: 'active', tag: 'team', sort: 'name', page: '1', pageSize: '10', kind: 'spike', severity: 'warning',
  key: ids.key, since: '2026-01-01T00:00:00Z', until: '2027-01-01T00:00:00Z', action: 'budget.', month: '2026-03', range: '7d', unit: 'cost',
});

const idParam = () => fc.oneof(fc.constantFrom(...Object.values(ids)), fc.uuid(), junkString);
const nameParam = fc.oneof(fc.constantFrom('production', 'staging', 'prod%20uction', '%E0%A4%A', '%00'), junkString);

const stringify = (v: Json) => {
  try {
    return JSON.stringify(v) ?? 'undefined';
  } catch {
    return String(v);
  }
};
// No base URL means the provider's public API: out of reach here (and no business of a
// test), so a mutation that drops it gets the fake's back.
const offline = (v: Json) => (isPlain(v) && 'adminKey' in v && (v.baseUrl === undefined || v.baseUrl === '') ? { ...v, baseUrl: openai.baseURL } : v);
const bodyText = (template: Json) =>
  fc.oneof(
    { weight: 4, arbitrary: mutate(template).map((v) => stringify(offline(v))) },
    { weight: 2, arbitrary: junkJson.map(stringify) },
    { weight: 1, arbitrary: fc.dictionary(junkString, junkJson, { maxKeys: 5 }).map(stringify) },
    { weight: 1, arbitrary: junkString }, // not JSON
    { weight: 1, arbitrary: fc.constantFrom('', '{', '{"a":', '[1,2', '\u0000', '{"a":"\\ud800"}', '{"__proto__":{"admin":true}}', `{"a":"${'z'.repeat(5_000_000)}"}`) },
  );
const contentType = fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/x-protobuf', '');

// What an HTTP header can carry at all (Request refuses the rest before any handler sees it).
const headerValue = junkString.map((s) => s.replace(/[^\x20-\x7e]/g, '?'));

type Input = { params: Record<string, string>; query: Record<string, string>; body?: string; contentType?: string; chunked: boolean; headers: Record<string, string> };

function inputs(key: string, ingest: boolean): fc.Arbitrary<Input> {
  const write = !key.startsWith('GET ') && !key.startsWith('HEAD ');
  const query = fc.oneof(mutate(queryTemplate()), fc.dictionary(junkString, junkString, { maxKeys: 4 })).map((q) =>
    Object.fromEntries(Object.entries(isPlain(q) ? q : {}).map(([k, v]) => [k, typeof v === 'string' ? v : stringify(v)])),
  );
  const extra = ingest
    ? fc.record({
        authorization: fc.oneof(fc.constant(`Bearer ${ingestToken}`), fc.constant(`Bearer ${ingestToken}`), headerValue, fc.constant('Bearer brn_' + 'A'.repeat(43))),
        'content-encoding': fc.constantFrom('identity', 'identity', 'gzip', 'br', 'deflate', ' GZIP '),
      })
    : fc.constant({});
  return fc.record({
    params: fc.record({ id: idParam(), name: nameParam }),
    query,
    body: write ? bodyText(bodyTemplate(key) ?? {}) : fc.constant(undefined),
    contentType,
    chunked: fc.boolean(),
    headers: extra as fc.Arbitrary<Record<string, string>>,
  });
}

// A URL cannot carry a lone surrogate; a browser sends U+FFFD for it, as Buffer does.
const segment = (s: string) => encodeURIComponent(Buffer.from(s).toString());

function request(key: string, input: Input, ingest: boolean): Request {
  const [method, route] = key.split(' ') as [string, string];
  const url = new URL(`${ORIGIN}${route.replace('[id]', segment(input.params.id!)).replace('[name]', segment(input.params.name!))}`);
  for (const [k, v] of Object.entries(input.query)) url.searchParams.append(k, v);
  const headers: Record<string, string> = { origin: ORIGIN, 'sec-fetch-site': 'same-origin', ...input.headers };
  if (!ingest) headers.cookie = cookie;
  if (input.contentType !== undefined) headers['content-type'] = input.contentType;
  let body: BodyInit | undefined;
  if (input.body !== undefined) {
    const bytes = input.headers['content-encoding']?.trim().toLowerCase() === 'gzip' ? gzipSync(input.body) : Buffer.from(input.body);
    // Chunked: no Content-Length, so the size is only known while reading.
    body = input.chunked
      ? new ReadableStream({
          start(controller) {
            for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(new Uint8Array(bytes.subarray(i, i + 64 * 1024)));
            controller.close();
          },
        })
      : bytes;
  }
  return new Request(url, { method, headers, body, ...(input.chunked && body ? { duplex: 'half' } : {}) } as RequestInit);
}

const summary = (input: Input) => JSON.stringify({ ...input, body: input.body && input.body.length > 300 ? `${input.body.slice(0, 300)}… (${input.body.length} chars)` : input.body });

describe('fuzzing the route handlers', () => {
  it.each(fuzzedFiles)('%s answers random input with a 2xx or a clear 4xx, and a 4xx writes nothing', async (file) => {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    const route = `/${path.posix.dirname(file).replace(/^app\//, '')}`;
    const ingest = INGEST.has(file);
    if (ingest) {
      // A token of its own: fuzzing DELETE /api/ingest-tokens/[id] may have revoked the first.
      // Authenticating records when a token was last used (at most once a minute), even for a
      // batch then refused: bookkeeping, not a partial write. Done here, so not mid-run.
      const { createIngestToken } = await import('@/lib/ingest/ingest-tokens');
      const created = await createIngestToken(ctx.prisma, { name: `fuzz-${path.basename(path.dirname(file))}` });
      ingestToken = created.token;
      await ctx.prisma.ingestToken.update({ where: { id: created.info.id }, data: { lastUsedAt: new Date() } });
    }
    let checksum = await tableChecksums();
    for (const method of METHODS) {
      const handler = mod[method] as Handler | undefined;
      if (typeof handler !== 'function') continue;
      const key = `${method} ${route}`;
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(inputs(key, ingest), async (input) => {
          const res = await handler(request(key, input, ingest), { params: Promise.resolve(input.params) });
          statuses.add(res.status);
          const text = await res.text();
          const context = `${key} ${summary(input)} -> ${res.status} ${text.slice(0, 500)}`;
          expect(res.status, context).toBeLessThan(500);
          if (res.status < 400) {
            checksum = await tableChecksums();
            return;
          }
          let message: unknown;
          try {
            message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
          } catch {
            message = undefined;
          }
          expect(typeof message === 'string' && message.length > 0, `${context}: a 4xx names what was wrong in error.message`).toBe(true);
          expect(await tableChecksums(), `${context}: a 4xx wrote to the database`).toEqual(checksum);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      // The inputs reach both sides of validation: some are refused as invalid, some get past it.
      if (bodyTemplate(key) !== undefined) {
        expect(statuses.has(400), `${key}: some input refused as invalid; statuses seen ${[...statuses]}`).toBe(true);
        expect([...statuses].some((st) => st !== 400), `${key}: some input got past validation; statuses seen ${[...statuses]}`).toBe(true);
      }
    }
  });
});
