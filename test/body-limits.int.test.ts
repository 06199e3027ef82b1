import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './database';
import { signInAs } from './sign-in';

// Body limits through the real route handlers, with chunked bodies (no Content-Length), so
// only counting while reading can refuse them: route()'s 64 KiB, ingest's 4 MiB and
// better-auth's endpoints, which get route()'s limit in front of them.

const ORIGIN = 'http://localhost:3000';
let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let cookie: string;
let token: string;

beforeAll(async () => {
  ctx = await freshDatabase();
  process.env.DATABASE_URL = ctx.url;
  cookie = (await signInAs(ctx.prisma, 'admin')).cookie;
  await ctx.prisma.environment.create({ data: { name: 'production' } });
  await ctx.prisma.apiKey.create({ data: { provider: 'openai', providerKeyId: 'key_limits', name: 'Limits', environment: 'production' } });
  const { createIngestToken } = await import('@/lib/ingest/ingest-tokens');
  token = (await createIngestToken(ctx.prisma, { name: 'limits' })).token;
}, 120_000);
afterAll(async () => {
  const { prisma } = await import('@/lib/db');
  await prisma().$disconnect();
  await ctx.cleanup();
});

const chunked = (text: string) => new Blob([text]).stream();
const post = (path: string, body: string, headers: Record<string, string>, method = 'POST') =>
  new Request(`${ORIGIN}${path}`, {
    method,
    headers: { origin: ORIGIN, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', ...headers },
    body: chunked(body),
    duplex: 'half',
  } as RequestInit);
const answer = async (res: Response) => ({ status: res.status, message: ((await res.json()) as { error?: { message?: string } }).error?.message });

describe('body limits', () => {
  it('route(): 64 KiB, a 413 that says so, nothing written', async () => {
    const { PUT } = await import('@/app/api/budgets/route');
    const key = await ctx.prisma.apiKey.findFirstOrThrow({ select: { id: true } });
    const big = JSON.stringify({ scope: 'key', keyId: key.id, monthlyUsd: 100, padding: 'x'.repeat(64 * 1024) });
    expect(await answer(await PUT(post('/api/budgets', big, { cookie }, 'PUT')))).toEqual({ status: 413, message: 'Body is larger than 65,536 bytes' });
    expect(await ctx.prisma.budget.count()).toBe(0);
    const ok = await PUT(post('/api/budgets', JSON.stringify({ scope: 'key', keyId: key.id, monthlyUsd: 100 }), { cookie }, 'PUT'));
    expect(ok.status).toBe(200);
  });

  it('ingest: a full batch of 5,000 events (over 1 MB) is taken, a body over 4 MiB is refused', async () => {
    const { POST } = await import('@/app/api/ingest/events/route');
    const at = Date.now() - 10 * 60_000;
    const events = Array.from({ length: 5_000 }, (_, i) => ({ id: `limits-${i}-${'p'.repeat(100)}`, timestamp: at, key: 'key_limits', provider: 'openai', model: 'gpt-4o-mini', inputTokens: 10, outputTokens: 1 }));
    const batch = JSON.stringify({ events });
    expect(batch.length).toBeGreaterThan(1_000_000);
    const taken = await POST(post('/api/ingest/events', batch, { authorization: `Bearer ${token}` }));
    expect([taken.status, await taken.json()]).toEqual([202, { accepted: 5_000, duplicates: 0 }]);
    const huge = JSON.stringify({ events: [], padding: 'x'.repeat(4 * 1024 * 1024) });
    expect(await answer(await POST(post('/api/ingest/events', huge, { authorization: `Bearer ${token}` })))).toEqual({
      status: 413,
      message: 'Body is larger than 4,194,304 bytes; send smaller batches; nothing was stored',
    });
  });

  it("better-auth's endpoints: route()'s limit in front, and signing in still works", async () => {
    const { POST } = await import('@/app/api/auth/[...all]/route');
    const { createUser } = await import('@/lib/auth/users');
    await createUser(ctx.prisma, { email: 'limits@example.com', role: 'viewer', password: 'limits test password' });
    const big = JSON.stringify({ email: 'limits@example.com', password: 'x'.repeat(70_000) });
    expect(await answer(await POST(post('/api/auth/sign-in/email', big, {})))).toEqual({ status: 413, message: 'Body is larger than 65,536 bytes' });
    const ok = await POST(post('/api/auth/sign-in/email', JSON.stringify({ email: 'limits@example.com', password: 'limits test password' }), {}));
    expect(ok.status).toBe(200);
    expect(ok.headers.getSetCookie().join(';')).toContain('session_token');
  });
});
