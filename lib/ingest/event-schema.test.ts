import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { parseIngestBatch, readJsonBody } from './event-schema';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

const event = (over: Record<string, unknown> = {}) => ({
  timestamp: '2026-03-10T11:59:30Z',
  key: 'key_abc',
  provider: 'openai',
  model: 'gpt-4o-mini',
  inputTokens: 100,
  outputTokens: 20,
  ...over,
});

function errorOf(body: unknown): { status: number; message: string } {
  try {
    parseIngestBatch(body, NOW);
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error('expected the batch to be rejected');
}

describe('parseIngestBatch: accepted events', () => {
  it.each([
    ['ISO timestamp with Z', event(), { timestamp: Date.parse('2026-03-10T11:59:30Z') }],
    ['ISO timestamp with an offset', event({ timestamp: '2026-03-10T13:59:30+02:00' }), { timestamp: Date.parse('2026-03-10T11:59:30Z') }],
    ['epoch milliseconds', event({ timestamp: NOW - 1000 }), { timestamp: NOW - 1000 }],
    ['optional counts default to 0', event(), { cachedInputTokens: 0, cacheWriteTokens: 0 }],
    ['nulls mean absent', event({ costUsd: null, id: null, country: null }), { costUsd: undefined, id: undefined, country: undefined }],
    ['country is upper-cased', event({ country: 'de' }), { country: 'DE' }],
    ['IPv6 caller', event({ callerIp: '2a00:1450:4001:80b::200e' }), { callerIp: '2a00:1450:4001:80b::200e' }],
    ['4 minutes ahead is clock skew', event({ timestamp: NOW + 4 * MIN }), { timestamp: NOW + 4 * MIN }],
    ['6 days old', event({ timestamp: NOW - 6 * DAY }), { timestamp: NOW - 6 * DAY }],
    ['key and model are trimmed', event({ key: ' Chat ', model: ' gpt-4o ' }), { key: 'Chat', model: 'gpt-4o' }],
    ['reported cost', event({ costUsd: 0.0123 }), { costUsd: 0.0123 }],
    ['unknown fields are dropped', event({ extra: 1 }), { inputTokens: 100 }],
  ])('%s', (_name, input, expected) => {
    const [parsed] = parseIngestBatch({ events: [input] }, NOW);
    expect(parsed).toMatchObject(expected);
    expect(parsed).not.toHaveProperty('extra');
  });

  it('accepts an empty batch', () => {
    expect(parseIngestBatch({ events: [] }, NOW)).toEqual([]);
  });
});

describe('parseIngestBatch: rejected batches name the event and field', () => {
  it.each([
    ['negative tokens', event({ inputTokens: -5 }), 'events[0].inputTokens: must be >= 0'],
    ['fractional tokens', event({ outputTokens: 1.5 }), 'events[0].outputTokens: must be a whole number'],
    ['tokens as strings', event({ outputTokens: '20' }), 'events[0].outputTokens: must be a number'],
    ['missing tokens', event({ outputTokens: undefined }), 'events[0].outputTokens: is required'],
    ['absurd tokens', event({ cachedInputTokens: 10_000_001 }), 'events[0].cachedInputTokens: must be at most 10,000,000 tokens per request'],
    ['absurd total', event({ inputTokens: 6_000_000, outputTokens: 5_000_000 }), 'events[0].inputTokens: with the other token counts adds up to more than 10,000,000'],
    ['future-dated', event({ timestamp: NOW + 6 * MIN }), 'events[0].timestamp: is in the future (2026-03-10T12:06:00.000Z, more than 5 minutes ahead'],
    ['too old', event({ timestamp: NOW - 8 * DAY }), 'events[0].timestamp: is older than 7 days (2026-03-02T12:00:00.000Z); events are accepted for 7 days'],
    ['epoch seconds', event({ timestamp: Math.floor(NOW / 1000) }), 'it looks like epoch seconds; send milliseconds'],
    ['no time zone', event({ timestamp: '2026-03-10T11:59:30' }), 'events[0].timestamp: must be an ISO 8601 date-time with a time zone'],
    ['missing timestamp', event({ timestamp: undefined }), 'events[0].timestamp: is required'],
    ['unknown provider', event({ provider: 'google' }), 'events[0].provider: must be "openai" or "anthropic"'],
    ['missing key', event({ key: undefined }), 'events[0].key: is required'],
    ['empty model', event({ model: '  ' }), 'events[0].model: must not be empty'],
    ['negative cost', event({ costUsd: -1 }), 'events[0].costUsd: must be >= 0'],
    ['absurd cost', event({ costUsd: 1e6 }), 'events[0].costUsd: must be at most 10,000 USD per request'],
    ['bad caller IP', event({ callerIp: '300.1.1.1' }), 'events[0].callerIp: must be an IPv4 or IPv6 address'],
    ['bad country', event({ country: 'DEU' }), 'events[0].country: must be an ISO 3166-1 alpha-2 country code'],
    ['long id', event({ id: 'x'.repeat(201) }), 'events[0].id: must be at most 200 characters'],
  ])('%s', (_name, input, message) => {
    const error = errorOf({ events: [input] });
    expect(error.status).toBe(400);
    expect(error.message).toContain('nothing was stored');
    expect(error.message).toContain(message);
  });

  it('names the index of the bad event in a batch', () => {
    const error = errorOf({ events: [event(), event(), event({ inputTokens: -1, provider: 'x' })] });
    expect(error.message).toBe(
      'Invalid events; nothing was stored: events[2].provider: must be "openai" or "anthropic"; events[2].inputTokens: must be >= 0',
    );
  });

  it('lists at most 10 problems', () => {
    const error = errorOf({ events: Array.from({ length: 30 }, () => event({ inputTokens: -1 })) });
    expect(error.message).toMatch(/events\[9\]\.inputTokens: must be >= 0; and 20 more$/);
  });

  it.each([
    ['not an object', [1, 2], 400, 'Body must be a JSON object {"events": [...]}'],
    ['no events', { items: [] }, 400, 'Body must be a JSON object {"events": [...]}'],
    ['events not a list', { events: {} }, 400, 'Body must be a JSON object'],
    ['too many events', { events: Array.from({ length: 5_001 }, () => event()) }, 413, 'A batch holds at most 5,000 events; this one has 5001'],
  ])('%s', (_name, body, status, message) => {
    const error = errorOf(body);
    expect(error.status).toBe(status);
    expect(error.message).toContain(message);
  });
});

describe('readJsonBody', () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request('http://test/x', { method: 'POST', body, headers });
  const failure = async (request: Request) => {
    const error = await readJsonBody(request).then(() => null, (e: unknown) => e);
    return error instanceof AppError ? { status: error.status, message: error.message } : error;
  };

  it('parses JSON and gunzips', async () => {
    expect(await readJsonBody(post('{"a":1}'))).toEqual({ a: 1 });
    const gz = await new Response(new Blob(['{"b":2}']).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
    expect(await readJsonBody(post(gz, { 'content-encoding': 'gzip' }))).toEqual({ b: 2 });
  });

  it.each([
    ['malformed JSON', post('{"events": ['), 400, 'Body is not valid JSON; nothing was stored'],
    ['empty body', post(''), 400, 'Body is empty; send a JSON object'],
    ['over 4 MiB', post(`{"a":"${'x'.repeat(4 * 1024 * 1024)}"}`), 413, 'Body is larger than 4,194,304 bytes; send smaller batches; nothing was stored'],
    ['declared over 4 MiB', post('{}', { 'content-length': '5000000' }), 413, 'Body is larger than 4,194,304 bytes'],
    ['not gzip', post('{}', { 'content-encoding': 'gzip' }), 400, 'Body could not be read: it is not valid gzip'],
  ])('%s', async (_name, request, status, message) => {
    expect(await failure(request)).toEqual({ status, message: expect.stringContaining(message) });
  });

  it('limits the size after decompression', async () => {
    const bomb = await new Response(new Blob([`{"a":"${'x'.repeat(5_000_000)}"}`]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
    expect(bomb.byteLength).toBeLessThan(100_000);
    expect(await failure(post(bomb, { 'content-encoding': 'gzip' }))).toMatchObject({ status: 413 });
  });
});
