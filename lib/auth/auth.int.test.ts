import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@/test/database';
import { createAuth, type Auth } from './auth';
import type { AuthConfig } from './auth-config';
import { createUser, disableUser } from './users';

// better-auth as Burnrate configures it, through its HTTP handler, against a migrated database.

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let auth: Auth;
const ORIGIN = 'http://localhost:3000';
const config: AuthConfig = { secret: 'x'.repeat(32), baseURL: ORIGIN, trustedOrigins: [ORIGIN, 'http://127.0.0.1:3000'], secureCookies: false, oidc: null, trustedProxies: [] };

beforeAll(async () => {
  ctx = await freshDatabase();
  auth = createAuth(ctx.prisma, config);
});
afterAll(() => ctx.cleanup());

let ipCounter = 0;
// Each call from its own address unless told otherwise, so the per-IP limit stays out of the way.
const post = (a: Auth, path: string, body: unknown, headers: Record<string, string> = {}) =>
  a.handler(
    new Request(`${ORIGIN}/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`, ...headers },
      body: JSON.stringify(body),
    }),
  );
const signIn = (email: string, password: string, headers?: Record<string, string>) => post(auth, '/sign-in/email', { email, password }, headers);
const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

describe('password sign-in', () => {
  it('stores argon2id hashes and signs in with an HttpOnly, SameSite=Lax session cookie', async () => {
    await createUser(ctx.prisma, { email: 'Viewer@Example.com', role: 'viewer', password: 'correct horse battery' });
    const account = await ctx.prisma.account.findFirstOrThrow({ where: { user: { email: 'viewer@example.com' } } });
    expect(account.providerId).toBe('credential');
    expect(account.passwordHash).toMatch(/^\$argon2id\$/);

    const res = await signIn('viewer@example.com', 'correct horse battery');
    expect(res.status).toBe(200);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('burnrate.session_token='));
    expect(session).toBeDefined();
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
    expect(session).toMatch(/; Path=\//i);
    expect(session).not.toMatch(/; Secure/i); // http://localhost: a Secure cookie would not come back

    const found = await auth.api.getSession({ headers: new Headers({ cookie: cookieOf(res) }) });
    expect(found?.user).toMatchObject({ email: 'viewer@example.com', role: 'viewer', mustChangePassword: false });
    const user = await ctx.prisma.user.findUniqueOrThrow({ where: { email: 'viewer@example.com' } });
    expect(user.lastLoginAt).not.toBeNull();
  });

  it('uses Secure, __Secure- cookies when served over https', async () => {
    const https = createAuth(ctx.prisma, { ...config, baseURL: 'https://burnrate.example.com', trustedOrigins: ['https://burnrate.example.com'], secureCookies: true });
    await createUser(ctx.prisma, { email: 'https@example.com', role: 'viewer', password: 'correct horse battery' });
    const res = await post(https, '/sign-in/email', { email: 'https@example.com', password: 'correct horse battery' }, { origin: 'https://burnrate.example.com' });
    expect(res.status).toBe(200);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('__Secure-burnrate.session_token='));
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; HttpOnly/i);
  });

  it('says "invalid email or password" for a wrong password and for an unknown user alike', async () => {
    for (const res of [await signIn('viewer@example.com', 'wrong password!!'), await signIn('nobody@example.com', 'whatever password')]) {
      expect(res.status).toBe(401);
      expect((await res.json()).message).toBe('Invalid email or password');
    }
  });

  it('refuses sign-in from another origin (CSRF)', async () => {
    const res = await signIn('viewer@example.com', 'correct horse battery', { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  it('has no public sign-up and no way for a user to set their role', async () => {
    const signUp = await post(auth, '/sign-up/email', { email: 'new@example.com', password: 'correct horse battery', name: 'New' });
    expect(signUp.status).toBeGreaterThanOrEqual(400);
    expect(await ctx.prisma.user.findUnique({ where: { email: 'new@example.com' } })).toBeNull();

    const res = await signIn('viewer@example.com', 'correct horse battery');
    const update = await post(auth, '/update-user', { role: 'admin', mustChangePassword: false }, { cookie: cookieOf(res) });
    expect(update.status).toBe(400);
    expect((await ctx.prisma.user.findUniqueOrThrow({ where: { email: 'viewer@example.com' } })).role).toBe('viewer');
  });
});

describe('sign-in limits', () => {
  it('locks an account after 5 failures in 15 minutes, from any address, with a clear 429', async () => {
    await createUser(ctx.prisma, { email: 'target@example.com', role: 'admin', password: 'correct horse battery' });
    for (let i = 0; i < 5; i++) expect((await signIn('TARGET@example.com', `guess number ${i}`)).status).toBe(401);
    const locked = await signIn('target@example.com', 'correct horse battery');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(890);
    expect((await locked.json()).message).toBe('Too many failed sign-ins for this account. Try again in 15 minutes, or ask an admin to set a new password.');
    // Other accounts are unaffected.
    expect((await signIn('viewer@example.com', 'correct horse battery')).status).toBe(200);
    // Once the failures age out, the right password works and clears the count.
    await ctx.prisma.loginFailure.updateMany({ where: { email: 'target@example.com' }, data: { at: new Date(Date.now() - 16 * 60_000) } });
    expect((await signIn('target@example.com', 'correct horse battery')).status).toBe(200);
    expect(await ctx.prisma.loginFailure.count({ where: { email: 'target@example.com' } })).toBe(0);
  });

  it('a success clears earlier failures', async () => {
    await createUser(ctx.prisma, { email: 'typo@example.com', role: 'viewer', password: 'correct horse battery' });
    for (let i = 0; i < 4; i++) await signIn('typo@example.com', 'typo password');
    expect((await signIn('typo@example.com', 'correct horse battery')).status).toBe(200);
    expect((await signIn('typo@example.com', 'typo password')).status).toBe(401);
    expect((await signIn('typo@example.com', 'correct horse battery')).status).toBe(200);
  });

  it('finds the client address behind trusted proxies', async () => {
    const behindProxy = createAuth(ctx.prisma, { ...config, trustedProxies: ['10.9.9.0/24'] });
    expect((await post(behindProxy, '/sign-in/email', { email: 'proxied@example.com', password: 'whatever password' }, { 'x-forwarded-for': '198.51.100.7, 10.9.9.9' })).status).toBe(401);
    expect((await ctx.prisma.loginFailure.findFirstOrThrow({ where: { email: 'proxied@example.com' } })).ip).toBe('198.51.100.7');
  });

  it('limits sign-in attempts per IP address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signIn(`spray${i}@example.com`, 'whatever password', { 'x-forwarded-for': '203.0.113.9' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('account lifecycle', () => {
  it('clears mustChangePassword when a one-time password is changed', async () => {
    const { oneTimePassword } = await createUser(ctx.prisma, { email: 'first@example.com', role: 'admin' });
    const res = await signIn('first@example.com', oneTimePassword!);
    expect(res.status).toBe(200);
    const cookie = cookieOf(res);
    expect((await auth.api.getSession({ headers: new Headers({ cookie }) }))?.user.mustChangePassword).toBe(true);
    const short = await post(auth, '/change-password', { currentPassword: oneTimePassword, newPassword: 'short' }, { cookie });
    expect(short.status).toBe(400);
    const changed = await post(auth, '/change-password', { currentPassword: oneTimePassword, newPassword: 'a much better password', revokeOtherSessions: true }, { cookie });
    expect(changed.status).toBe(200);
    expect((await ctx.prisma.user.findUniqueOrThrow({ where: { email: 'first@example.com' } })).mustChangePassword).toBe(false);
    expect((await signIn('first@example.com', 'a much better password')).status).toBe(200);
  });

  it('a disabled user is signed out and cannot sign in again', async () => {
    await createUser(ctx.prisma, { email: 'leaver@example.com', role: 'oncall', password: 'correct horse battery' });
    const cookie = cookieOf(await signIn('leaver@example.com', 'correct horse battery'));
    await disableUser(ctx.prisma, { email: 'leaver@example.com' }, Date.now());
    expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
    const again = await signIn('leaver@example.com', 'correct horse battery');
    expect(again.status).toBe(403);
    expect((await again.json()).message).toBe('This account is disabled; ask an admin to enable it');
  });
});
