import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { freshDatabase } from '@/test/database';
import { createToken, listTokens, revokeToken } from './ingest-token-admin';
import { createIngestTokenSchema } from './ingest-token-schemas';
import { authenticateIngestToken, hashIngestToken } from './ingest-tokens';

// Ingest tokens from the dashboard: shown once, stored hashed, audited without the token,
// and a revoked one is refused by the same check the ingest endpoints use.

const actor = { id: null, label: 'admin@example.com' };
let ctx: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => {
  ctx = await freshDatabase();
  await ctx.prisma.environment.create({ data: { name: 'staging' } });
});
afterAll(() => ctx.cleanup());

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? { status: e.status, message: e.message } : e));
const clear = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? String(v) : v));

describe('ingest tokens from the dashboard', () => {
  it('returns the token once, keeps only its hash, and audits it by hint', async () => {
    const created = await createToken(ctx.prisma, createIngestTokenSchema.parse({ name: 'litellm-staging', environment: 'staging' }), actor);
    expect(created.token).toMatch(/^brn_[A-Za-z0-9]{40}$/);
    expect(created.info).toMatchObject({ name: 'litellm-staging', environment: 'staging', createdBy: 'admin@example.com', revokedAt: null, lastUsedAt: null, hint: `${created.token.slice(0, 8)}…` });

    const row = await ctx.prisma.ingestToken.findUniqueOrThrow({ where: { id: created.info.id } });
    expect(row.tokenHash).toBe(hashIngestToken(created.token));
    const listed = await listTokens(ctx.prisma);
    expect(listed.map((t) => t.name)).toEqual(['litellm-staging']);
    const audit = await ctx.prisma.auditEvent.findMany({ where: { targetType: 'ingest_token' } });
    expect(audit).toMatchObject([{ action: 'ingest_token.create', actorEmail: 'admin@example.com', after: { name: 'litellm-staging', hint: created.info.hint } }]);
    const secretPart = created.token.slice(8);
    for (const value of [row, listed, audit, created.info]) expect(clear(value)).not.toContain(secretPart);

    expect(await authenticateIngestToken(ctx.prisma, `Bearer ${created.token}`, Date.now())).toMatchObject({ name: 'litellm-staging', environment: 'staging' });
  });

  it.each([
    [{ name: 'has space' }, 400, 'use 1-64 letters'],
    [{ name: 'gw', environment: 'nowhere' }, 400, 'Environment "nowhere" does not exist; use one of: staging'],
    [{ name: 'litellm-staging' }, 409, 'An ingest token named "litellm-staging" already exists'],
  ])('refuses %j and audits nothing', async (body, status, message) => {
    const audits = await ctx.prisma.auditEvent.count();
    const parsed = createIngestTokenSchema.safeParse(body);
    const result = parsed.success ? await failure(createToken(ctx.prisma, parsed.data, actor)) : { status: 400, message: parsed.error.issues[0]!.message };
    expect(result).toEqual({ status, message: expect.stringContaining(message) });
    expect(await ctx.prisma.auditEvent.count()).toBe(audits);
  });

  it('revokes a token: the ingest check refuses it from then on, and a second revoke changes nothing', async () => {
    const { token, info } = await createToken(ctx.prisma, { name: 'old-gateway' }, actor);
    const now = Date.parse('2026-03-10T12:00:00Z');
    const revoked = await revokeToken(ctx.prisma, info.id, actor, now);
    expect(revoked).toMatchObject({ name: 'old-gateway', revokedAt: '2026-03-10T12:00:00.000Z' });
    expect(await failure(authenticateIngestToken(ctx.prisma, `Bearer ${token}`, now + 1))).toEqual({ status: 401, message: expect.stringContaining('Ingest token "old-gateway" was revoked') });
    expect((await revokeToken(ctx.prisma, info.id, actor, now + 60_000)).revokedAt).toBe('2026-03-10T12:00:00.000Z');
    expect(await ctx.prisma.auditEvent.count({ where: { action: 'ingest_token.revoke', targetId: info.id } })).toBe(1);
    expect(await failure(revokeToken(ctx.prisma, '00000000-0000-4000-8000-000000000000', actor, now))).toMatchObject({ status: 404 });
  });
});
