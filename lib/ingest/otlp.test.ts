import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { otlpResponse, otlpToEvents, unsupportedOtlpContentType } from './otlp';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const START = NOW - 30_000;
const nanos = (ms: number) => `${ms}000000`;

type Value = string | number | boolean;
const attr = (key: string, value: Value) => ({
  key,
  value:
    typeof value === 'string' ? { stringValue: value }
    : typeof value === 'boolean' ? { boolValue: value }
    : Number.isInteger(value) ? { intValue: String(value) } // 64-bit ints travel as strings
    : { doubleValue: value },
});
const attrs = (o: Record<string, Value>) => Object.entries(o).map(([k, v]) => attr(k, v));

// A span as the OpenTelemetry JS SDK exports it over OTLP/HTTP JSON.
const span = (attributes: Record<string, Value>, over: Record<string, unknown> = {}) => ({
  traceId: '5b8efff798038103d269b633813fc60c',
  spanId: 'eee19b7ec3c1b174',
  parentSpanId: '',
  name: 'chat gpt-4o-mini',
  kind: 3,
  startTimeUnixNano: nanos(START),
  endTimeUnixNano: nanos(START + 1200),
  attributes: attrs(attributes),
  droppedAttributesCount: 0,
  events: [],
  links: [],
  status: { code: 0 },
  ...over,
});
const exportOf = (spans: unknown[], resource: Record<string, Value> = { 'service.name': 'chat-api', 'burnrate.key': 'key_chat' }) => ({
  resourceSpans: [
    {
      resource: { attributes: attrs(resource), droppedAttributesCount: 0 },
      scopeSpans: [{ scope: { name: '@opentelemetry/instrumentation-openai', version: '0.5.0' }, spans }],
    },
  ],
});

const current = { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini' };

describe('otlpToEvents: GenAI spans become events', () => {
  it.each([
    [
      'current conventions: cached tokens are inside input_tokens',
      span({ ...current, 'gen_ai.response.model': 'gpt-4o-mini-2024-07-18', 'gen_ai.usage.input_tokens': 1200, 'gen_ai.usage.cache_read.input_tokens': 1000, 'gen_ai.usage.output_tokens': 85, 'client.address': '193.99.144.80' }),
      { id: '5b8efff798038103d269b633813fc60ceee19b7ec3c1b174', timestamp: START, key: 'key_chat', provider: 'openai', model: 'gpt-4o-mini-2024-07-18', inputTokens: 200, cachedInputTokens: 1000, cacheWriteTokens: 0, outputTokens: 85, callerIp: '193.99.144.80' },
    ],
    [
      'older names: prompt/completion tokens, gen_ai.system, net.peer.ip',
      span({ 'gen_ai.system': 'OpenAI', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.prompt_tokens': 50, 'gen_ai.usage.completion_tokens': 7, 'net.peer.ip': '8.8.8.8' }),
      { provider: 'openai', model: 'gpt-4o', inputTokens: 50, outputTokens: 7, callerIp: '8.8.8.8' },
    ],
    [
      'Anthropic cache reads and writes, underscore names',
      span({ 'gen_ai.system': 'anthropic', 'gen_ai.request.model': 'claude-sonnet-4-5', 'gen_ai.usage.input_tokens': 3000, 'gen_ai.usage.cache_read_input_tokens': 2000, 'gen_ai.usage.cache_creation_input_tokens': 500, 'gen_ai.usage.output_tokens': 40 }),
      { provider: 'anthropic', inputTokens: 500, cachedInputTokens: 2000, cacheWriteTokens: 500 },
    ],
    [
      'a span attribute overrides the resource key; http.client_ip',
      span({ ...current, 'burnrate.key': 'Batch', 'gen_ai.usage.input_tokens': 1, 'gen_ai.usage.output_tokens': 1, 'http.client_ip': '2003::1' }),
      { key: 'Batch', callerIp: '2003::1' },
    ],
    [
      'counts as JSON numbers, doubles and numeric strings',
      span({ ...current, 'gen_ai.usage.input_tokens': 12.0, 'gen_ai.usage.output_tokens': '9' }, {}),
      { inputTokens: 12, outputTokens: 9 },
    ],
    [
      'only output tokens: input counts as 0',
      span({ ...current, 'gen_ai.usage.output_tokens': 3 }),
      { inputTokens: 0, outputTokens: 3 },
    ],
    [
      'base64 ids (protobuf JSON mapping) become hex',
      span({ ...current, 'gen_ai.usage.input_tokens': 1, 'gen_ai.usage.output_tokens': 1 }, { traceId: 'W47/95gDgQPSabYzgT/GDA==', spanId: '7uGbfsPBsXQ=' }),
      { id: '5b8efff798038103d269b633813fc60ceee19b7ec3c1b174' },
    ],
    [
      'no ids: the event id is left to the content hash',
      span({ ...current, 'gen_ai.usage.input_tokens': 1, 'gen_ai.usage.output_tokens': 1 }, { traceId: undefined, spanId: '' }),
      { id: undefined },
    ],
    [
      'a host name is not an IP: no caller',
      span({ ...current, 'gen_ai.usage.input_tokens': 1, 'gen_ai.usage.output_tokens': 1, 'client.address': 'api.example.com' }),
      { callerIp: undefined },
    ],
    [
      'no provider attribute: an Anthropic key id tells',
      span({ 'gen_ai.request.model': 'claude-haiku-4-5', 'burnrate.key': 'apikey_01abc', 'gen_ai.usage.input_tokens': 1, 'gen_ai.usage.output_tokens': 1 }),
      { provider: 'anthropic', key: 'apikey_01abc' },
    ],
  ])('%s', (_name, s, expected) => {
    const out = otlpToEvents(exportOf([s]), NOW);
    expect(out.rejected).toEqual([]);
    expect(out.events).toHaveLength(1);
    expect(out.events[0]).toMatchObject(expected);
  });
});

describe('otlpToEvents: other spans are ignored or rejected one by one', () => {
  it.each([
    ['an HTTP span', span({ 'http.request.method': 'GET', 'url.path': '/chat' }), null],
    ['a GenAI span without usage', span({ ...current }), null],
    ['no burnrate.key', span({ ...current, 'gen_ai.usage.input_tokens': 1, 'gen_ai.usage.output_tokens': 1 }), 'no burnrate.key attribute names the API key'],
    ['another provider', span({ 'gen_ai.provider.name': 'gcp.gemini', 'gen_ai.request.model': 'gemini-2.5-pro', 'burnrate.key': 'x', 'gen_ai.usage.input_tokens': 1, 'gen_ai.usage.output_tokens': 1 }), 'provider "gcp.gemini" is not one Burnrate watches'],
    ['no provider, key name', span({ 'gen_ai.request.model': 'gpt-4o', 'burnrate.key': 'Chat', 'gen_ai.usage.input_tokens': 1, 'gen_ai.usage.output_tokens': 1 }), 'no gen_ai.provider.name (or gen_ai.system) attribute'],
    ['negative output', span({ ...current, 'gen_ai.usage.input_tokens': 1, 'gen_ai.usage.output_tokens': -4 }), 'gen_ai.usage.output_tokens must be >= 0'],
    ['counts that are not numbers', span({ ...current, 'gen_ai.usage.input_tokens': 'many', 'gen_ai.usage.output_tokens': 1 }), 'gen_ai.usage.input_tokens (minus cached) must be a number'],
    ['no model', span({ 'gen_ai.provider.name': 'openai', 'gen_ai.usage.input_tokens': 1, 'gen_ai.usage.output_tokens': 1 }), 'gen_ai.response.model (or gen_ai.request.model) is required'],
    ['too old', span({ ...current, 'gen_ai.usage.input_tokens': 1, 'gen_ai.usage.output_tokens': 1 }, { startTimeUnixNano: nanos(NOW - 8 * 86_400_000) }), 'startTimeUnixNano is older than 7 days'],
    ['no start time', span({ ...current, 'gen_ai.usage.input_tokens': 1, 'gen_ai.usage.output_tokens': 1 }, { startTimeUnixNano: '0' }), 'startTimeUnixNano is required'],
    ['attributes not a list', span({}, { attributes: { 'gen_ai.usage.input_tokens': 1 } }), 'not a valid span'],
  ])('%s', (_name, s, reason) => {
    const resource = reason?.startsWith('no burnrate.key') || reason?.includes('key name') ? { 'service.name': 'x' } : undefined;
    const out = otlpToEvents(exportOf([s], resource), NOW);
    expect(out.events).toEqual([]);
    if (reason === null) {
      expect(out).toMatchObject({ ignored: 1, rejected: [] });
    } else {
      expect(out.rejected).toEqual([{ span: expect.any(String), reason: expect.stringContaining(reason) }]);
    }
  });

  it('keeps the good spans of an export with bad ones', () => {
    const good = span({ ...current, 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.output_tokens': 2 });
    const bad = span({ ...current, 'gen_ai.usage.input_tokens': -1, 'gen_ai.usage.output_tokens': 2 }, { spanId: '00f067aa0ba902b7' });
    const out = otlpToEvents(exportOf([good, bad, span({ 'db.system': 'postgresql' })]), NOW);
    expect(out.events).toHaveLength(1);
    expect(out.spans).toEqual(['span eee19b7ec3c1b174']);
    expect(out.rejected).toEqual([{ span: 'span 00f067aa0ba902b7', reason: 'gen_ai.usage.input_tokens (minus cached) must be >= 0' }]);
    expect(out.ignored).toBe(1);
  });
});

describe('otlpToEvents: the envelope', () => {
  it.each([
    ['an empty export', {}],
    ['no spans', { resourceSpans: [{ resource: {}, scopeSpans: [{ spans: [] }] }] }],
    ['nulls', { resourceSpans: [{ resource: null, scopeSpans: null }] }],
  ])('%s is fine', (_name, body) => {
    expect(otlpToEvents(body, NOW)).toEqual({ events: [], spans: [], rejected: [], ignored: 0 });
  });

  it.each([
    ['a list', []],
    ['a string', 'traces'],
    ['resourceSpans not a list', { resourceSpans: {} }],
    ['scopeSpans not a list', { resourceSpans: [{ scopeSpans: 'x' }] }],
    ['resource attributes malformed', { resourceSpans: [{ resource: { attributes: [{ value: {} }] } }] }],
  ])('%s is a 400', (_name, body) => {
    expect(() => otlpToEvents(body, NOW)).toThrow(AppError);
    expect(() => otlpToEvents(body, NOW)).toThrow(/^Body is not an OTLP ExportTraceServiceRequest/);
  });

  it('refuses more than 5,000 GenAI spans with a 413', () => {
    const spans = Array.from({ length: 5_001 }, (_, i) => span({ ...current, 'gen_ai.usage.input_tokens': 1, 'gen_ai.usage.output_tokens': 1 }, { spanId: i.toString(16).padStart(16, '0') }));
    expect(() => otlpToEvents(exportOf(spans), NOW)).toThrow(expect.objectContaining({ status: 413 }));
  });
});

describe('otlpResponse', () => {
  it.each([
    ['full success leaves partialSuccess unset', [], { accepted: 2, duplicates: 0 }],
    [
      'rejections are a partial success',
      [{ span: 'span a', reason: 'no burnrate.key attribute names the API key' }],
      { accepted: 1, duplicates: 0, partialSuccess: { rejectedSpans: 1, errorMessage: '1 span(s) rejected: span a: no burnrate.key attribute names the API key' } },
    ],
  ])('%s', (_name, rejected, expected) => {
    const accepted = expected.accepted;
    expect(otlpResponse(rejected, { accepted, duplicates: 0 })).toEqual(expected);
  });

  it('shows the first five reasons', () => {
    const rejected = Array.from({ length: 7 }, (_, i) => ({ span: `span ${i}`, reason: 'bad' }));
    expect(otlpResponse(rejected, { accepted: 0, duplicates: 0 }).partialSuccess?.errorMessage).toMatch(/^7 span\(s\) rejected: span 0: bad; .*span 4: bad; and 2 more$/);
  });
});

describe('unsupportedOtlpContentType', () => {
  it.each([
    ['application/json', null],
    ['application/json; charset=utf-8', null],
    [null, null],
    ['application/x-protobuf', 'OTLP/HTTP protobuf is not supported; configure the exporter for JSON (OTEL_EXPORTER_OTLP_PROTOCOL=http/json)'],
    ['text/plain', 'Content-Type text/plain is not supported; send OTLP/HTTP JSON'],
  ])('%s', (type, message) => {
    const got = unsupportedOtlpContentType(type);
    if (message === null) expect(got).toBeNull();
    else expect(got).toContain(message);
  });
});
