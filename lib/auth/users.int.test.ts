import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@/test/database';
import { DEMO_ADMIN_EMAIL, ensureDemoAdmin } from './demo-admin';
import { verifyPassword } from './password';
import { createUser, disableUser, enableUser, listUsers, resetPassword, setPassword, setRole } from './users';

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

    expect((await setRole(ctx.prisma, { email: 'ALICE@example.com' }, 'oncall')).role).toBe('oncall');
    await ctx.prisma.session.create({ data: { userId: user.id, token: 't1', expiresAt: new Date(Date.now() + 60_000) } });
    await setPassword(ctx.prisma, { email: 'alice@example.com' }, 'a new one-time password', { oneTime: true });
    expect(await ctx.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    await ctx.prisma.session.create({ data: { userId: user.id, token: 't2', expiresAt: new Date(Date.now() + 60_000) } });
    expect((await disableUser(ctx.prisma, { email: 'alice@example.com' }, Date.now())).disabled).toBe(true);
    expect(await ctx.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    await expect(setRole(ctx.prisma, { email: 'nobody@example.com' }, 'admin')).rejects.toThrow('No user nobody@example.com');
    await expect(setRole(ctx.prisma, { id: 'not-a-uuid' }, 'admin')).rejects.toThrow('No user not-a-uuid');

    const audit = await ctx.prisma.auditEvent.findMany({ where: { targetId: user.id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['user.create', 'user.set_role', 'user.reset_password', 'user.disable']);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain('a new one-time password');
  });
});

describe('users from the Settings page', () => {
  const admin = { id: null, label: 'root@example.com' };

  it('never leaves Burnrate without an active admin', async () => {
    const { user: only } = await createUser(ctx.prisma, { email: 'only-admin@example.com', role: 'admin', password: 'the only admin here' });
    // The demo admin from above is an admin too: disable it so `only` is the last one.
    await disableUser(ctx.prisma, { email: DEMO_ADMIN_EMAIL }, Date.now(), admin);
    await expect(setRole(ctx.prisma, { id: only.id }, 'viewer', admin)).rejects.toThrow(/only active admin/);
    await expect(disableUser(ctx.prisma, { id: only.id }, Date.now(), admin)).rejects.toThrow(/only active admin/);
    expect((await listUsers(ctx.prisma)).find((u) => u.id === only.id)).toMatchObject({ role: 'admin', disabled: false });

    // With a second admin, either may step down, and the disabled one can come back.
    await enableUser(ctx.prisma, { email: DEMO_ADMIN_EMAIL }, admin);
    expect((await setRole(ctx.prisma, { id: only.id }, 'finance', admin)).role).toBe('finance');
    const rows = await ctx.prisma.auditEvent.findMany({ where: { targetId: only.id }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.action, r.actorEmail])).toEqual([
      ['user.create', 'command line'],
      ['user.set_role', 'root@example.com'],
    ]);
  });

  it('resets a password to a one-time one that must be changed', async () => {
    const { user } = await createUser(ctx.prisma, { email: 'forgetful@example.com', role: 'viewer', password: 'forgotten already' });
    const oneTime = await resetPassword(ctx.prisma, { id: user.id }, admin);
    expect(await verifyPassword({ hash: await hashOf('forgetful@example.com'), password: oneTime })).toBe(true);
    expect((await listUsers(ctx.prisma)).find((u) => u.id === user.id)?.mustChangePassword).toBe(true);
  });
});
