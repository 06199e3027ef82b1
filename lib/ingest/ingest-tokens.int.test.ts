import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { freshDatabase } from '@/test/database';
import { authenticateIngestToken, createIngestToken, hashIngestToken, listIngestTokens, revokeIngestToken } from './ingest-tokens';

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const NOW = Date.parse('2026-03-10T12:00:00Z');

beforeAll(async () => {
  ctx = await freshDatabase();
  await ctx.prisma.environment.create({ data: { name: 'production' } });
});
afterAll(() => ctx.cleanup());

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? { status: e.status, message: e.message } : e));

describe('ingest tokens', () => {
  it('stores only the hash and a hint, and returns the token once', async () => {
    const { token, info } = await createIngestToken(ctx.prisma, { name: 'litellm-prod', environment: 'production', createdBy: 'cli' });
    expect(token).toMatch(/^brn_[A-Za-z0-9]{40}$/);
    expect(info).toMatchObject({ name: 'litellm-prod', hint: `${token.slice(0, 8)}…`, environment: 'production', createdBy: 'cli', revokedAt: null });
    expect(info).not.toHaveProperty('tokenHash');
    const row = await ctx.prisma.ingestToken.findUniqueOrThrow({ where: { id: info.id } });
    expect(row.tokenHash).toBe(hashIngestToken(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(8));
    expect((await listIngestTokens(ctx.prisma)).map((t) => t.name)).toContain('litellm-prod');
  });

  it.each([
    [{ name: 'has space' }, 400, 'Token name "has space" is not valid'],
    [{ name: 'x', environment: 'nowhere' }, 400, 'Environment "nowhere" does not exist; use one of: production'],
    [{ name: 'litellm-prod' }, 409, 'An ingest token named "litellm-prod" already exists'],
  ])('refuses %j', async (input, status, message) => {
    expect(await failure(createIngestToken(ctx.prisma, input))).toEqual({ status, message: expect.stringContaining(message) });
  });

  it('authenticates a bearer token and records its use at most once a minute', async () => {
    const { token, info } = await createIngestToken(ctx.prisma, { name: 'sdk' });
    expect(await authenticateIngestToken(ctx.prisma, `Bearer ${token}`, NOW)).toEqual({ id: info.id, name: 'sdk', environment: null });
    const lastUsed = async () => (await ctx.prisma.ingestToken.findUniqueOrThrow({ where: { id: info.id } })).lastUsedAt;
    expect(await lastUsed()).toEqual(new Date(NOW));
    await authenticateIngestToken(ctx.prisma, `bearer ${token}`, NOW + 30_000);
    expect(await lastUsed()).toEqual(new Date(NOW));
    await authenticateIngestToken(ctx.prisma, `Bearer ${token}`, NOW + 61_000);
    expect(await lastUsed()).toEqual(new Date(NOW + 61_000));
  });

  it.each([
    [null, 'Missing ingest token: send the header `Authorization: Bearer brn_…`'],
    ['Basic dXNlcjpwYXNz', 'Missing ingest token'],
    ['Bearer', 'Missing ingest token'],
    ['Bearer not-a-token', 'Invalid ingest token'],
    [`Bearer brn_${'A'.repeat(40)}`, 'Invalid ingest token'],
  ])('answers 401 to %s', async (header, message) => {
    expect(await failure(authenticateIngestToken(ctx.prisma, header, NOW))).toEqual({ status: 401, message: expect.stringContaining(message) });
  });

  it('rejects a revoked token, and revoking twice is harmless', async () => {
    const { token } = await createIngestToken(ctx.prisma, { name: 'old-gateway' });
    const revoked = await revokeIngestToken(ctx.prisma, 'old-gateway', NOW);
    expect(revoked.revokedAt).toEqual(new Date(NOW));
    expect((await revokeIngestToken(ctx.prisma, 'old-gateway', NOW + 1000)).revokedAt).toEqual(new Date(NOW));
    expect(await failure(authenticateIngestToken(ctx.prisma, `Bearer ${token}`, NOW))).toEqual({
      status: 401,
      message: 'Ingest token "old-gateway" was revoked on 2026-03-10T12:00:00.000Z; create one with `npx burnrate ingest-token create <name>`',
    });
    expect(await failure(revokeIngestToken(ctx.prisma, 'nope', NOW))).toMatchObject({ status: 404 });
  });
});
