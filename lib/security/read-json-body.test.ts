import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { readJsonBody } from './read-json-body';

const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request('http://test/x', { method: 'POST', body, headers });
const outcome = (request: Request, maxBytes = 100, extra: Partial<Parameters<typeof readJsonBody>[1]> = {}) =>
  readJsonBody(request, { maxBytes, ...extra }).then(
    (value) => ({ value }),
    (e: unknown) => (e instanceof AppError ? { status: e.status, message: e.message } : { thrown: e }),
  );

/** A chunked body (no Content-Length) of `chunks` chunks of `size` bytes; counts what was pulled. */
function chunked(size: number, chunks = Infinity) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= chunks) return controller.close();
      state.pulled += 1;
      controller.enqueue(new TextEncoder().encode('x'.repeat(size)));
    },
  });
  return { request: new Request('http://test/x', { method: 'POST', body: stream, duplex: 'half' } as RequestInit), state };
}

describe('readJsonBody', () => {
  it.each([
    ['JSON', post('{"a":[1,"b"]}'), { value: { a: [1, 'b'] } }],
    ['an empty body', post(''), { value: undefined }],
    ['whitespace only', post('  \n'), { value: undefined }],
    ['exactly the limit', post(`"${'x'.repeat(98)}"`), { value: 'x'.repeat(98) }],
    ['one byte over', post(`"${'x'.repeat(99)}"`), { status: 413, message: 'Body is larger than 100 bytes' }],
    // Counted in bytes, not characters: 34 euro signs are 102 bytes.
    ['multi-byte characters', post(`"${'€'.repeat(34)}"`), { status: 413, message: 'Body is larger than 100 bytes' }],
    ['a declared length over the limit', post('{}', { 'content-length': '101' }), { status: 413, message: 'Body is larger than 100 bytes' }],
    ['not JSON', post('{"a":'), { status: 400, message: 'Body is not valid JSON' }],
    ['not UTF-8', post(new Uint8Array([0x22, 0xff, 0xfe, 0x22])), { status: 400, message: 'Body is not valid UTF-8 JSON' }],
    ['a NUL in a string', post('{"a":"x\\u0000y"}'), { status: 400, message: expect.stringContaining('Body contains a NUL character') }],
    ['a NUL in a key', post('{"a\\u0000":1}'), { status: 400, message: expect.stringContaining('Body contains a NUL character') }],
  ])('%s', async (_name, request, expected) => {
    expect(await outcome(request)).toEqual(expected);
  });

  it('counts a chunked body while reading it, and stops at the limit', async () => {
    const { request, state } = chunked(16 * 1024); // endless: only counting can end it
    expect(request.headers.get('content-length')).toBeNull();
    expect(await outcome(request, 64 * 1024)).toEqual({ status: 413, message: 'Body is larger than 65,536 bytes' });
    expect(state.pulled).toBeLessThanOrEqual(6);
  });

  it('reads a chunked body within the limit', async () => {
    const { request } = chunked(10, 3);
    expect(await outcome(request, 100)).toEqual({ status: 400, message: 'Body is not valid JSON' }); // 30 x's: read whole, then parsed
  });

  it('does not trust a Content-Length smaller than the body', async () => {
    const { request } = chunked(1024, 4);
    const lying = new Request(request, { headers: { 'content-length': '2' } });
    expect(await outcome(lying, 1000)).toMatchObject({ status: 413 });
  });

  it('gunzips when asked, counting the decompressed size', async () => {
    const gzip = async (text: string) => new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
    expect(await outcome(post(await gzip('{"b":2}'), { 'content-encoding': 'gzip' }), 100, { gzip: true })).toEqual({ value: { b: 2 } });
    const bomb = await gzip(`"${'x'.repeat(200_000)}"`);
    expect(bomb.byteLength).toBeLessThan(1_000);
    expect(await outcome(post(bomb, { 'content-encoding': 'gzip' }), 100_000, { gzip: true })).toMatchObject({ status: 413 });
    expect(await outcome(post('{}', { 'content-encoding': 'gzip' }), 100, { gzip: true })).toEqual({ status: 400, message: 'Body could not be read: it is not valid gzip' });
  });

  it('adds the caller’s advice and note', async () => {
    expect(await outcome(post(`"${'x'.repeat(200)}"`), 100, { tooLargeAdvice: 'send smaller batches', note: 'nothing was stored' })).toEqual({
      status: 413,
      message: 'Body is larger than 100 bytes; send smaller batches; nothing was stored',
    });
  });
});
