import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '@/test/database';
import { SecretDecryptError } from './envelope';
import { buildKeyring } from './master-key';
import { rotateMasterKey, type RotateProgress } from './rotate-master-key';
import { secretStatus } from './secret-status';
import { createSecret, deleteSecret, readSecret, replaceSecret } from './secret-store';

// Obviously fake master keys and values.
const KEY_A = Buffer.alloc(32, 0xa1);
const KEY_B = Buffer.alloc(32, 0xb2);
const KEY_C = Buffer.alloc(32, 0xc3);
const ringA = buildKeyring(KEY_A);
const ringB = buildKeyring(KEY_B);
const ringBA = buildKeyring(KEY_B, [KEY_A]);
const ADMIN_KEY = 'sk-admin-fake-0000000000000000abcd';
const WEBHOOK = 'https://hooks.slack.com/services/TFAKE/BFAKE/fakefakefake';

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  ctx = await freshDatabase();
});
afterAll(async () => {
  await ctx.cleanup();
});
beforeEach(async () => {
  await ctx.prisma.alertRoute.deleteMany();
  await ctx.prisma.providerConnection.deleteMany();
  await ctx.prisma.secret.deleteMany();
});

describe('secret store', () => {
  it('stores ciphertext and a hint, and reads the value back', async () => {
    const { id, hint } = await createSecret(ctx.prisma, ADMIN_KEY, 'openai', ringA);
    expect(hint).toBe('sk-admin-...abcd');
    const row = await ctx.prisma.secret.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ hint, masterKeyId: ringA.current.id, rotatedAt: null });
    expect(Buffer.from(row.ciphertext).toString('utf8')).not.toContain('fake');
    expect(await readSecret(ctx.prisma, id, ringA)).toBe(ADMIN_KEY);
  });

  it('works inside a transaction', async () => {
    const { id } = await ctx.prisma.$transaction((tx) => createSecret(tx, WEBHOOK, 'slack', ringA));
    expect(await readSecret(ctx.prisma, id, ringA)).toBe(WEBHOOK);
  });

  it('replaces a value in place, under a fresh data key', async () => {
    const { id } = await createSecret(ctx.prisma, ADMIN_KEY, 'openai', ringA);
    const before = await ctx.prisma.secret.findUniqueOrThrow({ where: { id } });
    expect(await replaceSecret(ctx.prisma, id, WEBHOOK, 'slack', ringB)).toEqual({ id, hint: 'https://hooks.slack.com/services/…fake' });
    const after = await ctx.prisma.secret.findUniqueOrThrow({ where: { id } });
    expect(after.masterKeyId).toBe(ringB.current.id);
    expect(Buffer.from(after.wrappedKey).equals(Buffer.from(before.wrappedKey))).toBe(false);
    expect(await readSecret(ctx.prisma, id, ringB)).toBe(WEBHOOK);
    await expect(replaceSecret(ctx.prisma, '00000000-0000-4000-8000-000000000000', WEBHOOK, 'slack', ringB)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses an empty value and explains a missing id', async () => {
    await expect(createSecret(ctx.prisma, '  ', 'pagerduty', ringA)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(readSecret(ctx.prisma, '00000000-0000-4000-8000-000000000000', ringA)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('does not open one row\'s fields copied onto another', async () => {
    const a = await createSecret(ctx.prisma, ADMIN_KEY, 'openai', ringA);
    const b = await createSecret(ctx.prisma, WEBHOOK, 'slack', ringA);
    const { ciphertext, iv, authTag, wrappedKey, masterKeyId } = await ctx.prisma.secret.findUniqueOrThrow({ where: { id: a.id } });
    await ctx.prisma.secret.update({ where: { id: b.id }, data: { ciphertext, iv, authTag, wrappedKey, masterKeyId } });
    const error = await readSecret(ctx.prisma, b.id, ringA).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretDecryptError);
    expect((error as Error).message).toContain(`secret:${b.id}`);
    expect((error as Error).message).not.toContain(ADMIN_KEY);
  });

  it('names the master key a row needs', async () => {
    const { id } = await createSecret(ctx.prisma, ADMIN_KEY, 'openai', ringA);
    await expect(readSecret(ctx.prisma, id, ringB)).rejects.toThrow(`needs master key ${ringA.current.id}, which is not configured`);
  });

  it('deletes, keeps alert routes from losing their target, and unlinks connections', async () => {
    const used = await createSecret(ctx.prisma, WEBHOOK, 'slack', ringA);
    await ctx.prisma.alertRoute.create({ data: { name: 'Fake route', channel: 'slack', secretId: used.id } });
    await expect(deleteSecret(ctx.prisma, used.id)).rejects.toMatchObject({ code: 'conflict' });

    const linked = await createSecret(ctx.prisma, ADMIN_KEY, 'openai', ringA);
    const connection = await ctx.prisma.providerConnection.create({ data: { name: 'Fake OpenAI', provider: 'openai', secretId: linked.id } });
    await deleteSecret(ctx.prisma, linked.id);
    await deleteSecret(ctx.prisma, linked.id); // again: nothing to do
    expect(await ctx.prisma.secret.count({ where: { id: linked.id } })).toBe(0);
    expect((await ctx.prisma.providerConnection.findUniqueOrThrow({ where: { id: connection.id } })).secretId).toBeNull();
  });
});

describe('rotateMasterKey', () => {
  it('moves 250 secrets from A to B in batches; B alone reads them; a second run changes nothing', async () => {
    const values = Array.from({ length: 250 }, (_, i) => `sk-admin-fake-${String(i).padStart(20, '0')}`);
    const ids: string[] = [];
    for (const value of values) ids.push((await createSecret(ctx.prisma, value, 'openai', ringA)).id);
    const before = await ctx.prisma.secret.findMany({ orderBy: { id: 'asc' } });

    const progress: RotateProgress[] = [];
    const now = new Date('2026-01-02T03:04:05Z');
    const first = await rotateMasterKey(ctx.prisma, ringBA, { batchSize: 100, now: () => now, onProgress: (p) => progress.push(p) });
    expect(first).toEqual({ total: 250, alreadyCurrent: 0, rewrapped: 250, changedMeanwhile: 0, missingKeys: [], failed: [], interrupted: false });
    expect(progress.map((p) => p.done)).toEqual([0, 100, 200, 250]);

    const after = await ctx.prisma.secret.findMany({ orderBy: { id: 'asc' } });
    after.forEach((row, i) => {
      const old = before[i]!;
      expect(row).toMatchObject({ id: old.id, ciphertext: old.ciphertext, iv: old.iv, authTag: old.authTag, hint: old.hint, masterKeyId: ringB.current.id, rotatedAt: now });
      expect(Buffer.from(row.wrappedKey).equals(Buffer.from(old.wrappedKey))).toBe(false);
    });
    for (const [i, id] of ids.entries()) expect(await readSecret(ctx.prisma, id, ringB)).toBe(values[i]);

    const second = await rotateMasterKey(ctx.prisma, ringBA, { batchSize: 100, now: () => new Date() });
    expect(second).toMatchObject({ total: 250, alreadyCurrent: 250, rewrapped: 0 });
    expect(await ctx.prisma.secret.findMany({ orderBy: { id: 'asc' } })).toEqual(after);

    const status = await secretStatus(ctx.prisma, ringB);
    expect(status).toEqual({ total: 250, unreadable: 0, byMasterKey: [{ masterKeyId: ringB.current.id, role: 'current', count: 250, unreadable: 0 }] });
  });

  it('resumes after an interruption', async () => {
    for (let i = 0; i < 30; i++) await createSecret(ctx.prisma, `fakeroutingkey${String(i).padStart(18, '0')}`, 'pagerduty', ringA);
    const abort = new AbortController();
    const first = await rotateMasterKey(ctx.prisma, ringBA, { batchSize: 10, signal: abort.signal, onProgress: (p) => p.done >= 10 && abort.abort() });
    expect(first).toMatchObject({ rewrapped: 10, interrupted: true });
    expect(await ctx.prisma.secret.count({ where: { masterKeyId: ringA.current.id } })).toBe(20);
    const second = await rotateMasterKey(ctx.prisma, ringBA, { batchSize: 10 });
    expect(second).toMatchObject({ total: 30, alreadyCurrent: 10, rewrapped: 20, interrupted: false });
  });

  it('keeps a value replaced mid-run (by a process still on key A) instead of pairing it with the old data key', async () => {
    for (let i = 0; i < 5; i++) await createSecret(ctx.prisma, `sk-fake-${String(i).padStart(20, '0')}`, 'openai', ringA);
    const replacement = 'sk-admin-fake-replaced-000000wxyz';
    let replacedId: string | undefined;
    // The client, except that the first page read is followed by a replace of its first row.
    const bind = <T extends object>(target: T, prop: string | symbol) => {
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    };
    const secret = new Proxy(ctx.prisma.secret, {
      get: (target, prop) =>
        prop !== 'findMany'
          ? bind(target, prop)
          : async (args: Parameters<typeof target.findMany>[0]) => {
              const rows = await target.findMany(args);
              if (!replacedId && rows[0]) {
                replacedId = rows[0].id;
                await replaceSecret(ctx.prisma, replacedId, replacement, 'openai', ringA);
              }
              return rows;
            },
    });
    const db = new Proxy(ctx.prisma, { get: (target, prop) => (prop === 'secret' ? secret : bind(target, prop)) });

    const first = await rotateMasterKey(db, ringBA);
    expect(first).toMatchObject({ rewrapped: 4, changedMeanwhile: 1 });
    expect(await readSecret(ctx.prisma, replacedId!, ringBA)).toBe(replacement);
    expect(await rotateMasterKey(ctx.prisma, ringBA)).toMatchObject({ rewrapped: 1, alreadyCurrent: 4 });
    expect(await readSecret(ctx.prisma, replacedId!, ringB)).toBe(replacement);
  });

  it('reports secrets under a key it does not have, and status calls them unreadable', async () => {
    await createSecret(ctx.prisma, ADMIN_KEY, 'openai', ringA);
    await createSecret(ctx.prisma, WEBHOOK, 'slack', buildKeyring(KEY_C));
    const idC = buildKeyring(KEY_C).current.id;
    const result = await rotateMasterKey(ctx.prisma, ringBA, { batchSize: 1 });
    expect(result).toMatchObject({ total: 2, rewrapped: 1, missingKeys: [{ masterKeyId: idC, count: 1 }] });

    const status = await secretStatus(ctx.prisma, ringBA);
    expect(status).toEqual({
      total: 2,
      unreadable: 1,
      byMasterKey: [
        { masterKeyId: ringB.current.id, role: 'current', count: 1, unreadable: 0 },
        { masterKeyId: idC, role: 'not configured', count: 1, unreadable: 1 },
        { masterKeyId: ringA.current.id, role: 'previous', count: 0, unreadable: 0 },
      ],
    });
  });
});
