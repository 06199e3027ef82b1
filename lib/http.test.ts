import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type * as SessionModule from './auth/session';
import type { CurrentSession } from './auth/session';
import { AppError } from './errors';
import { MAX_BODY_BYTES, rawRoute, route, routeAccess } from './http';

// The session is whatever the test says; lib/auth/session.ts itself is exercised against a
// real database in lib/auth/auth.int.test.ts and test/route-matrix.int.test.ts.
const session = vi.hoisted(() => ({ current: null as CurrentSession | null, reads: 0 }));
vi.mock('./auth/session', async (importOriginal) => ({
  ...(await importOriginal<typeof SessionModule>()),
  readSession: async () => {
    session.reads += 1;
    return session.current;
  },
}));
beforeEach(() => {
  session.current = null;
  session.reads = 0;
});
const signedIn = (role: 'viewer' | 'oncall' | 'finance' | 'admin', mustChangePassword = false): CurrentSession => ({
  user: { id: '0b6f2c1e-0000-4000-8000-000000000001', email: `${role}@example.com`, role, name: role, mustChangePassword },
});

const handler = route(
  { access: 'public', query: z.object({ n: z.coerce.number().int().min(1) }), response: z.object({ doubled: z.number() }) },
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
    const post = route({ access: 'public', body: z.object({ a: z.string() }), response: z.object({ ok: z.boolean() }) }, async () => ({ ok: true }));
    const bad = await post(new Request('http://test/x', { method: 'POST', body: '{nope' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toBe('Body is not valid JSON');
    const big = await post(new Request('http://test/x', { method: 'POST', body: JSON.stringify({ a: 'x'.repeat(1_100_000) }) }));
    expect(big.status).toBe(413);
    const ok = await post(new Request('http://test/x', { method: 'POST', body: '{"a":"b"}' }));
    expect(await ok.json()).toEqual({ ok: true });
  });

  it('limits bodies to 64 KiB unless the route allows more, counting a chunked body as it is read', async () => {
    const schemas = { access: 'public', body: z.object({ a: z.string() }), response: z.object({ n: z.number() }) } as const;
    const small = route(schemas, async ({ body }) => ({ n: body.a.length }));
    const large = route({ ...schemas, maxBodyBytes: 1024 * 1024 }, async ({ body }) => ({ n: body.a.length }));
    const body = (n: number) => JSON.stringify({ a: 'x'.repeat(n - 8) }); // n bytes in all
    const chunked = (text: string) =>
      new Request('http://test/x', { method: 'POST', body: new Blob([text]).stream(), duplex: 'half' } as RequestInit);
    const answer = async (res: Response) => ({ status: res.status, body: await res.json() });

    expect(await answer(await small(new Request('http://test/x', { method: 'POST', body: body(MAX_BODY_BYTES) })))).toEqual({ status: 200, body: { n: MAX_BODY_BYTES - 8 } });
    const refused = { status: 413, body: { error: { code: 'payload_too_large', message: 'Body is larger than 65,536 bytes' } } };
    expect(await answer(await small(new Request('http://test/x', { method: 'POST', body: body(MAX_BODY_BYTES + 1) })))).toEqual(refused);
    expect(await answer(await small(chunked(body(MAX_BODY_BYTES + 1))))).toEqual(refused);
    expect(await answer(await large(chunked(body(200_000))))).toEqual({ status: 200, body: { n: 200_000 - 8 } });
  });

  it('refuses a NUL in the query or body with a 400, before the handler runs', async () => {
    const echo = route({ access: 'public', query: z.object({ q: z.string().optional() }), body: z.object({ a: z.string() }), response: z.object({ ok: z.boolean() }) }, async () => ({ ok: true }));
    const nulQuery = await echo(new Request('http://test/x?q=a%00b', { method: 'POST', body: '{"a":"b"}' }));
    expect([nulQuery.status, (await nulQuery.json()).error.message]).toEqual([400, 'Invalid query: q contains a NUL character (%00); remove it']);
    const nulBody = await echo(new Request('http://test/x', { method: 'POST', body: '{"a":"\\u0000"}' }));
    expect(nulBody.status).toBe(400);
  });
});

describe('route() access', () => {
  const seen: unknown[] = [];
  const write = route({ access: 'budget.write', body: z.object({ a: z.string() }), response: z.object({ by: z.string() }) }, async ({ actor }) => {
    seen.push(actor);
    return { by: actor.label };
  });
  const put = (headers: Record<string, string> = {}, body = '{"a":"b"}') =>
    write(new Request('http://localhost:3000/api/x', { method: 'PUT', body, headers: { 'content-type': 'application/json', ...headers } }));
  const json = async (res: Response) => ({ status: res.status, body: await res.json() });

  it('remembers the rule on the handler', () => {
    expect(routeAccess(write)).toBe('budget.write');
    expect(routeAccess(handler)).toBe('public');
    expect(routeAccess(async () => new Response())).toBeUndefined();
  });

  it('answers 401 before reading the body when nobody is signed in', async () => {
    expect(await json(await put({}, '{broken'))).toEqual({
      status: 401,
      body: { error: { code: 'unauthorized', message: 'You are not signed in (or your session expired); sign in at /sign-in and try again' } },
    });
  });

  it('answers 403 naming the roles that may', async () => {
    session.current = signedIn('oncall');
    expect(await json(await put())).toEqual({
      status: 403,
      body: { error: { code: 'forbidden', message: 'Your role (oncall) cannot change budgets; that needs the finance or admin role. Ask an admin to change your role.' } },
    });
  });

  it('passes the signed-in user as the actor', async () => {
    session.current = signedIn('finance');
    seen.length = 0;
    expect(await json(await put({ origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' }))).toEqual({ status: 200, body: { by: 'finance@example.com' } });
    expect(seen).toEqual([{ id: '0b6f2c1e-0000-4000-8000-000000000001', label: 'finance@example.com' }]);
  });

  it('refuses users who still hold a one-time password', async () => {
    session.current = signedIn('admin', true);
    expect((await json(await put())).body.error.message).toBe('Change your one-time password first, at /account/password');
  });

  it.each([
    [{ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, /^Refused a cross-site request/],
    [{ origin: 'https://evil.example' }, /^Refused a request from origin https:\/\/evil\.example/],
  ])('refuses cross-site writes (CSRF) before the session is read: %o', async (headers, message) => {
    session.current = signedIn('admin');
    const res = await json(await put(headers));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(message);
    expect(session.reads).toBe(0);
  });

  it('lets cross-site reads through and never reads the session for public routes', async () => {
    const read = route({ access: 'read', response: z.object({ ok: z.boolean() }) }, async () => ({ ok: true }));
    session.current = signedIn('viewer');
    const res = await read(new Request('http://localhost:3000/api/x', { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } }));
    expect(res.status).toBe(200);
    session.reads = 0;
    expect((await handler(new Request('http://localhost:3000/api/x?n=1'))).status).toBe(200);
    expect(session.reads).toBe(0);
  });

  it('guards rawRoute() handlers the same way', async () => {
    const csv = rawRoute({ access: 'budget.export' }, async ({ actor }) => new Response(`by,${actor.label}`));
    expect((await csv(new Request('http://localhost:3000/x'))).status).toBe(401);
    session.current = signedIn('viewer');
    expect((await csv(new Request('http://localhost:3000/x'))).status).toBe(403);
    session.current = signedIn('finance');
    expect(await (await csv(new Request('http://localhost:3000/x'))).text()).toBe('by,finance@example.com');
  });
});
