import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecret } from '@/lib/secrets/secret-store';
import { freshDatabase } from '@/test/database';
import { connectionAccess, CredentialMissingError } from './connection-access';

// Where the collector finds a connection's admin key: its stored secret (added in the
// dashboard), else the environment variable or the file it names.

const STORED = 'sk-admin-fake-stored-0000000000000001';
let ctx: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => {
  process.env.BURNRATE_MASTER_KEY ??= randomBytes(32).toString('base64');
  ctx = await freshDatabase();
});
afterAll(() => ctx.cleanup());

const base = { name: 'c', baseUrl: 'http://127.0.0.1:1', credentialEnv: null, secretId: null };

describe('connectionAccess', () => {
  it('reads the stored secret, which wins over an environment variable', async () => {
    const { id } = await createSecret(ctx.prisma, STORED, 'openai');
    expect(await connectionAccess(ctx.prisma, { ...base, secretId: id }, {})).toEqual({ adminKey: STORED, baseUrl: 'http://127.0.0.1:1' });
    expect((await connectionAccess(ctx.prisma, { ...base, secretId: id, credentialEnv: 'KEY' }, { KEY: 'sk-admin-from-env' })).adminKey).toBe(STORED);
  });

  it('falls back to the environment variable, then to its _FILE', async () => {
    expect((await connectionAccess(ctx.prisma, { ...base, credentialEnv: 'KEY' }, { KEY: 'sk-admin-from-env' })).adminKey).toBe('sk-admin-from-env');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'burnrate-')), 'key');
    writeFileSync(file, 'sk-admin-from-file\n');
    expect((await connectionAccess(ctx.prisma, { ...base, credentialEnv: 'KEY' }, { KEY_FILE: file })).adminKey).toBe('sk-admin-from-file');
  });

  it('says what to set when there is no key at all', async () => {
    await expect(connectionAccess(ctx.prisma, base, {})).rejects.toThrow(CredentialMissingError);
    await expect(connectionAccess(ctx.prisma, { ...base, credentialEnv: 'KEY' }, {})).rejects.toThrow('set KEY or KEY_FILE to the provider admin key');
  });
});
