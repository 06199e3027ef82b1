import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyInfo } from '@/lib/providers/provider';
import { freshDatabase } from '@/test/database';
import { syncKeys } from './sync-keys';

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let connection: { id: string; provider: 'openai' };
const key = (id: string, extra: Partial<KeyInfo> = {}): KeyInfo => ({
  providerKeyId: id, name: `Key ${id}`, redactedHint: 'sk-...fake', projectId: 'proj_fake', projectName: 'Fake', owner: 'a@example.com',
  status: 'active', createdAtMs: Date.parse('2026-01-01T00:00:00Z'), lastUsedAtMs: Date.parse('2026-03-01T00:00:00Z'), ...extra,
});

beforeAll(async () => {
  ctx = await freshDatabase();
  connection = { id: (await ctx.prisma.providerConnection.create({ data: { name: 'Sync', provider: 'openai', credentialEnv: 'X' } })).id, provider: 'openai' };
});
afterAll(() => ctx.cleanup());

describe('syncKeys', () => {
  it('creates new keys with a guessed environment, then follows the provider listing', async () => {
    const db = ctx.prisma;
    expect(await syncKeys(db, connection, [key('key_a'), key('key_b', { name: 'CI bot (staging)' })])).toEqual({ keys: 2, created: 2, gone: 0 });
    const b = await db.apiKey.findFirstOrThrow({ where: { providerKeyId: 'key_b' } });
    expect(b).toMatchObject({ environment: 'staging', owner: 'a@example.com', status: 'active' });
    expect(b.lastUsedAt?.toISOString()).toBe('2026-03-01T00:00:00.000Z');

    // Renamed at the provider, our disabling kept, last use never moves back, key_b deleted there.
    await db.apiKey.update({ where: { id: b.id }, data: { environment: 'production' } });
    await db.apiKey.updateMany({ where: { providerKeyId: 'key_a' }, data: { status: 'disabled' } });
    const result = await syncKeys(db, connection, [key('key_a', { name: 'Renamed', lastUsedAtMs: Date.parse('2026-02-01T00:00:00Z') })]);
    expect(result).toEqual({ keys: 1, created: 0, gone: 1 });
    const a = await db.apiKey.findFirstOrThrow({ where: { providerKeyId: 'key_a' } });
    expect(a).toMatchObject({ name: 'Renamed', status: 'disabled' });
    expect(a.lastUsedAt?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(await db.apiKey.findFirstOrThrow({ where: { providerKeyId: 'key_b' } })).toMatchObject({ status: 'deleted', environment: 'production' });
  });
});
