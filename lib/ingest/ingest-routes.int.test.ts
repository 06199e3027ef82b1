import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postEvents } from '@/app/api/ingest/events/route';
import { POST as postOtlp } from '@/app/api/ingest/otlp/v1/traces/route';
import { prisma } from '@/lib/db';
import { freshDatabase } from '@/test/database';
import { createIngestToken, revokeIngestToken } from './ingest-tokens';

// Through the route handlers, as Next calls them. They use prisma(), which reads
// DATABASE_URL on first use; the clock is the real one, so events are dated relative to it.

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let token: string;
let revoked: string;
let chatKeyId: string;
const MINUTE = 60_000;
const base = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE; // a whole minute, 10 minutes ago

beforeAll(async () => {
  ctx = await freshDatabase();
  process.env.DATABASE_URL = ctx.url;
  const db = ctx.prisma;
  await db.environment.create({ data: { name: 'production' } });
  chatKeyId = (await db.apiKey.create({ data: { provider: 'openai', providerKeyId: 'key_chat', name: 'Chat', environment: 'production' } })).id;
  await db.apiKey.create({ data: { provider: 'anthropic', providerKeyId: 'apikey_01claude', name: 'Claude bot', environment: 'production' } });
  token = (await createIngestToken(db, { name: 'gateway' })).token;
  revoked = (await createIngestToken(db, { name: 'retired' })).token;
  await revokeIngestToken(db, 'retired', Date.now());
});
afterAll(async () => {
  await prisma().$disconnect();
  await ctx.cleanup();
});

const request = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(`http://burnrate.test${path}`, { method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers } });
const events = (body: BodyInit, headers?: Record<string, string>) => postEvents(request('/api/ingest/events', body, headers));
const otlp = (body: BodyInit, headers?: Record<string, string>) => postOtlp(request('/api/ingest/otlp/v1/traces', body, headers));

async function counts() {
  const sums = await ctx.prisma.usageBucket.aggregate({ _count: true, _sum: { requests: true } });
  return { events: await ctx.prisma.ingestEvent.count(), buckets: sums._count, requests: sums._sum.requests ?? 0 };
}

const ev = (over: Record<string, unknown> = {}) => ({ timestamp: base + 5_000, key: 'key_chat', provider: 'openai', model: 'gpt-4o-mini', inputTokens: 100, outputTokens: 10, ...over });
const batch = (...list: unknown[]) => JSON.stringify({ events: list });

describe('POST /api/ingest/events', () => {
  it('stores a batch (202) and counts a re-sent one as duplicates', async () => {
    const body = batch(ev({ id: 'a1' }), ev({ id: 'a2', key: 'Chat', country: 'FR' }));
    const first = await events(body);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 0 });
    const before = await counts();
    const again = await events(body);
    expect([again.status, await again.json()]).toEqual([202, { accepted: 0, duplicates: 2 }]);
    expect(await counts()).toEqual(before);
  });

  const bad = (id: string) => ev({ id });
  it.each([
    ['malformed JSON', () => events('{"events": ['), 400, 'Body is not valid JSON; nothing was stored'],
    ['a body over 4 MiB', () => events(JSON.stringify({ events: [bad('b1')], padding: 'x'.repeat(4 * 1024 * 1024) })), 413, 'Body is larger than 4,194,304 bytes'],
    ['more than 5,000 events', () => events(batch(...Array.from({ length: 5_001 }, (_, i) => ({ ...ev(), id: `m${i}`, model: 'm' })))), 413, 'A batch holds at most 5,000 events; this one has 5001'],
    ['negative tokens', () => events(batch(bad('b2'), ev({ id: 'b3', inputTokens: -1 }))), 400, 'events[1].inputTokens: must be >= 0'],
    ['a future-dated event', () => events(batch(ev({ id: 'b4', timestamp: Date.now() + 6 * MINUTE }))), 400, 'events[0].timestamp: is in the future'],
    ['an event older than 7 days', () => events(batch(ev({ id: 'b5', timestamp: Date.now() - 8 * 86_400_000 }))), 400, 'events[0].timestamp: is older than 7 days'],
    ['an unknown key', () => events(batch(bad('b6'), ev({ id: 'b7', key: 'key_nope' }))), 422, 'unknown openai key "key_nope" (events[1])'],
    ['no token', () => events(batch(bad('b8')), { authorization: '' }), 401, 'Missing ingest token'],
    ['a wrong token', () => events(batch(bad('b9')), { authorization: `Bearer brn_${'x'.repeat(40)}` }), 401, 'Invalid ingest token'],
    ['a revoked token', () => events(batch(bad('b10')), { authorization: `Bearer ${revoked}` }), 401, 'Ingest token "retired" was revoked'],
    ['an unknown encoding', () => events(batch(bad('b11')), { 'content-encoding': 'br' }), 415, 'Content-Encoding "br" is not supported'],
  ])('%s: %i with a clear message, nothing stored', async (_name, send, status, message) => {
    const before = await counts();
    const res = await send();
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: { code: expect.any(String), message: expect.stringContaining(message) } });
    expect(await counts()).toEqual(before);
  });
});

type Value = string | number;
const attrs = (o: Record<string, Value>) => Object.entries(o).map(([key, v]) => ({ key, value: typeof v === 'string' ? { stringValue: v } : { intValue: String(v) } }));
const resourceSpans = (resource: Record<string, Value>, spans: unknown[]) => ({
  resource: { attributes: attrs({ 'service.name': 'support-bot', 'telemetry.sdk.language': 'python', ...resource }) },
  scopeSpans: [{ scope: { name: 'opentelemetry.instrumentation.openai_v2', version: '2.1b0' }, spans }],
});
const genAiSpan = (spanId: string, startMs: number, extra: Record<string, Value> = {}) => ({
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId,
  parentSpanId: 'b7ad6b7169203331',
  name: 'chat gpt-4o-mini',
  kind: 3,
  startTimeUnixNano: `${startMs}000000`,
  endTimeUnixNano: `${startMs + 900}000000`,
  attributes: attrs({
    'gen_ai.operation.name': 'chat',
    'gen_ai.system': 'openai',
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
    'gen_ai.response.id': 'chatcmpl-9Jx2',
    'gen_ai.usage.input_tokens': 1300,
    'gen_ai.usage.cache_read_input_tokens': 1024,
    'gen_ai.usage.output_tokens': 64,
    'server.address': 'api.openai.com',
    'client.address': '193.99.144.80', // maps to DE in geoip-lite's data
    ...extra,
  }),
  status: { code: 1 },
});

describe('POST /api/ingest/otlp/v1/traces', () => {
  it('lands an OTLP export in the same minute bucket as the events endpoint, with the country of client.address', async () => {
    const minute = base + 2 * MINUTE;
    const viaEvents = await events(batch(ev({ id: 'o1', timestamp: minute + 5_000, key: 'Chat', model: 'gpt-4o-mini-2024-07-18', callerIp: '193.99.144.80', inputTokens: 10, cachedInputTokens: 0, outputTokens: 1 })));
    expect(viaEvents.status).toBe(202);
    const body = JSON.stringify({ resourceSpans: [resourceSpans({ 'burnrate.key': 'key_chat' }, [genAiSpan('00f067aa0ba902b7', minute + 20_000)])] });
    const res = await otlp(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0 });
    const bucket = await ctx.prisma.usageBucket.findFirstOrThrow({ where: { keyId: chatKeyId, bucketStart: new Date(minute), model: 'gpt-4o-mini-2024-07-18' } });
    expect(bucket).toMatchObject({ region: 'DE', source: 'ingest', widthSeconds: 60, requests: 2, inputTokens: 10n + 276n, cachedInputTokens: 1024n, outputTokens: 65n });
    const again = await otlp(body);
    expect([again.status, await again.json()]).toEqual([200, { accepted: 0, duplicates: 1 }]);
  });

  it('answers a partial success when some spans cannot be used', async () => {
    const t = base + 3 * MINUTE;
    const body = JSON.stringify({
      resourceSpans: [
        resourceSpans({ 'burnrate.key': 'key_chat' }, [
          genAiSpan('1111111111111111', t),
          genAiSpan('2222222222222222', t, { 'burnrate.key': 'key_nope' }),
          { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: '3333333333333333', name: 'GET /chat', startTimeUnixNano: `${t}000000`, attributes: attrs({ 'http.request.method': 'GET' }) },
        ]),
        resourceSpans({}, [genAiSpan('4444444444444444', t)]),
      ],
    });
    const res = await otlp(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      accepted: 1,
      duplicates: 0,
      partialSuccess: {
        rejectedSpans: 2,
        errorMessage: expect.stringMatching(/^2 span\(s\) rejected: span 4444444444444444: no burnrate.key attribute .*; span 2222222222222222: unknown openai key "key_nope"$/),
      },
    });
  });

  it.each([
    ['protobuf', () => otlp('\x0a\x00', { 'content-type': 'application/x-protobuf' }), 415, 'OTLP/HTTP protobuf is not supported; configure the exporter for JSON'],
    ['malformed JSON', () => otlp('{"resourceSpans": [}'), 400, 'Body is not valid JSON'],
    ['not an export request', () => otlp('{"resourceSpans": {}}'), 400, 'Body is not an OTLP ExportTraceServiceRequest'],
    ['no token', () => otlp('{}', { authorization: '' }), 401, 'Missing ingest token'],
  ])('%s: %i, nothing stored', async (_name, send, status, message) => {
    const before = await counts();
    const res = await send();
    expect(res.status).toBe(status);
    expect((await res.json()).error.message).toContain(message);
    expect(await counts()).toEqual(before);
  });
});

describe('random and malformed bodies', () => {
  const now = Date.now();
  // Mostly valid values with the occasional bad one, so that whole batches pass often enough.
  const mostly = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>) => fc.oneof({ arbitrary: valid, weight: 30 }, { arbitrary: invalid, weight: 1 });
  const eventArb = fc
    .record(
      {
        id: fc.option(fc.oneof(fc.string({ minLength: 1, maxLength: 4 }), fc.constant('fixed'))),
        timestamp: mostly(fc.integer({ min: now - 6 * 86_400_000, max: now }), fc.oneof(fc.integer({ min: now - 8 * 86_400_000, max: now + 10 * MINUTE }), fc.string())),
        keyAndProvider: mostly(
          fc.constantFrom(['key_chat', 'openai'], ['Chat', 'openai'], ['apikey_01claude', 'anthropic']),
          fc.constantFrom(['key_nope', 'openai'], ['apikey_01claude', 'openai'], ['', 'openai'], ['key_chat', 'google']),
        ),
        model: mostly(fc.constantFrom('gpt-4o-mini', 'claude-haiku-4-5', 'unknown-model'), fc.constantFrom('', 7)),
        inputTokens: mostly(fc.nat({ max: 100_000 }), fc.oneof(fc.integer({ min: 9_000_000, max: 12_000_000 }), fc.integer({ min: -5, max: -1 }), fc.double(), fc.string())),
        outputTokens: mostly(fc.nat({ max: 1000 }), fc.constant(null)),
        costUsd: fc.option(mostly(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(-1))),
        callerIp: fc.option(mostly(fc.oneof(fc.ipV4(), fc.ipV6()), fc.string())),
        country: fc.option(mostly(fc.constantFrom('DE', 'us'), fc.constant('XYZ'))),
      },
      { requiredKeys: ['timestamp', 'keyAndProvider', 'model', 'inputTokens', 'outputTokens'] },
    )
    .map(({ keyAndProvider, ...e }) => ({ ...e, ...(keyAndProvider ? { key: keyAndProvider[0], provider: keyAndProvider[1] } : {}) }));
  const bodyArb = fc.oneof(
    fc.string(),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.record({ events: fc.array(eventArb, { maxLength: 4 }) }).map((v) => JSON.stringify(v)),
    fc.array(fc.record({ traceId: fc.stringMatching(/^[0-9a-f]{0,34}$/), spanId: fc.stringMatching(/^[0-9a-f]{0,18}$/), k: fc.constantFrom('key_chat', 'x'), n: fc.integer({ min: -3, max: 500 }) }), { maxLength: 4 }).map((spans) =>
      JSON.stringify({ resourceSpans: [resourceSpans({ 'burnrate.key': 'key_chat' }, spans.map((s) => ({ ...genAiSpan(s.spanId, now - MINUTE, { 'burnrate.key': s.k, 'gen_ai.usage.output_tokens': s.n }), traceId: s.traceId })))] }),
    ),
  );

  it.each([
    ['events', events, 202],
    ['otlp', otlp, 200],
  ] as const)('never answer 500 on %s, and store all of a batch or none of it', async (_name, send, okStatus) => {
    const seen = { stored: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(bodyArb, async (body) => {
        const before = await counts();
        const res = await send(body);
        const json = await res.json();
        const after = await counts();
        expect(res.status).toBeLessThan(500);
        if (res.status === okStatus) {
          expect(after.events - before.events).toBe(json.accepted);
          expect(after.requests - before.requests).toBe(json.accepted);
          if (json.accepted > 0) seen.stored++;
        } else {
          seen.refused++;
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(json.error.message).toEqual(expect.any(String));
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 150 },
    );
    // The generators reach both outcomes, so the property says something about each.
    expect(seen.stored).toBeGreaterThan(5);
    expect(seen.refused).toBeGreaterThan(5);
  });
});
