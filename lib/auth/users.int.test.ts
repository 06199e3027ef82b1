import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@/test/database';
import { DEMO_ADMIN_EMAIL, ensureDemoAdmin } from './demo-admin';
import { verifyPassword } from './password';
import { createUser, disableUser, listUsers, setPassword, setRole } from './users';

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  ctx = await freshDatabase();
});
afterAll(() => ctx.cleanup());

const hashOf = async (email: string) => (await ctx.prisma.account.findFirstOrThrow({ where: { user: { email }, providerId: 'credential' } })).passwordHash!;

describe('the demo admin', () => {
  it('is created once, with a one-time password, only while there are no users', async () => {
    const first = await ensureDemoAdmin(ctx.prisma);
    expect(first).toMatchObject({ email: DEMO_ADMIN_EMAIL, password: expect.stringMatching(/^[\w]{4}(-[\w]{4}){4}$/) });
    expect(await verifyPassword({ hash: await hashOf(DEMO_ADMIN_EMAIL), password: first!.password })).toBe(true);
    expect((await listUsers(ctx.prisma))[0]).toMatchObject({ email: DEMO_ADMIN_EMAIL, role: 'admin', mustChangePassword: true, signIn: ['password'] });
    expect(await ensureDemoAdmin(ctx.prisma)).toBeNull();
  });

  it('takes a fixed password for tests, set on every start and not one-time', async () => {
    expect(await ensureDemoAdmin(ctx.prisma, 'fixed test password')).toBeNull();
    expect(await verifyPassword({ hash: await hashOf(DEMO_ADMIN_EMAIL), password: 'fixed test password' })).toBe(true);
    expect((await listUsers(ctx.prisma)).find((u) => u.email === DEMO_ADMIN_EMAIL)?.mustChangePassword).toBe(false);
  });
});

describe('users from the command line', () => {
  it('creates, re-roles, resets and disables, each audited', async () => {
    const { user, oneTimePassword } = await createUser(ctx.prisma, { email: ' Alice@Example.com ', role: 'viewer', password: 'alice chose this one' });
    expect(oneTimePassword).toBeNull();
    expect(user).toMatchObject({ email: 'alice@example.com', name: 'alice', role: 'viewer', mustChangePassword: false, disabled: false });
    await expect(createUser(ctx.prisma, { email: 'alice@example.com', role: 'admin' })).rejects.toThrow('A user alice@example.com exists already');
    await expect(createUser(ctx.prisma, { email: 'not-an-email', role: 'admin' })).rejects.toThrow('"not-an-email" is not an email address');
    await expect(createUser(ctx.prisma, { email: 'bob@example.com', role: 'admin', password: 'short' })).rejects.toThrow('at least 12 characters');

    expect((await setRole(ctx.prisma, 'ALICE@example.com', 'oncall')).role).toBe('oncall');
    await ctx.prisma.session.create({ data: { userId: user.id, token: 't1', expiresAt: new Date(Date.now() + 60_000) } });
    await setPassword(ctx.prisma, 'alice@example.com', 'a new one-time password', { oneTime: true });
    expect(await ctx.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    await ctx.prisma.session.create({ data: { userId: user.id, token: 't2', expiresAt: new Date(Date.now() + 60_000) } });
    expect((await disableUser(ctx.prisma, 'alice@example.com', Date.now())).disabled).toBe(true);
    expect(await ctx.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    await expect(setRole(ctx.prisma, 'nobody@example.com', 'admin')).rejects.toThrow('No user nobody@example.com');

    const audit = await ctx.prisma.auditEvent.findMany({ where: { targetId: user.id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['user.create', 'user.set_role', 'user.disable']);
  });
});
