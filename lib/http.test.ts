import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './errors';
import { route } from './http';

const handler = route(
  { query: z.object({ n: z.coerce.number().int().min(1) }), response: z.object({ doubled: z.number() }) },
  async ({ query }) => {
    if (query.n === 13) throw new AppError('not_found', 'No such number');
    if (query.n === 666) throw new Error('database password=hunter2 exploded');
    if (query.n === 7) return { doubled: 'fourteen' } as unknown as { doubled: number };
    return { doubled: query.n * 2 };
  },
);
const call = async (qs: string) => {
  const res = await handler(new Request(`http://test/api/x?${qs}`));
  return { status: res.status, body: await res.json() };
};

describe('route()', () => {
  it.each([
    ['n=4', 200, { doubled: 8 }],
    ['n=0', 400, { error: { code: 'bad_request', message: 'Invalid query: n: Too small: expected number to be >=1' } }],
    ['n=abc', 400, { error: { code: 'bad_request', message: expect.stringMatching(/^Invalid query: n: /) } }],
    ['n=13', 404, { error: { code: 'not_found', message: 'No such number' } }],
    // Unexpected errors never leak their message (it may hold anything) to the caller.
    ['n=666', 500, { error: { code: 'internal', message: 'Something went wrong on the server; the error was logged' } }],
    // A handler returning the wrong shape is a server bug, not a client error.
    ['n=7', 500, { error: { code: 'internal', message: expect.any(String) } }],
  ])('%s -> %i', async (qs, status, body) => {
    expect(await call(qs)).toEqual({ status, body });
  });

  it('rejects bodies that are not JSON or too large', async () => {
    const post = route({ body: z.object({ a: z.string() }), response: z.object({ ok: z.boolean() }) }, async () => ({ ok: true }));
    const bad = await post(new Request('http://test/x', { method: 'POST', body: '{nope' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toBe('Body is not valid JSON');
    const big = await post(new Request('http://test/x', { method: 'POST', body: JSON.stringify({ a: 'x'.repeat(1_100_000) }) }));
    expect(big.status).toBe(413);
    const ok = await post(new Request('http://test/x', { method: 'POST', body: '{"a":"b"}' }));
    expect(await ok.json()).toEqual({ ok: true });
  });
});
