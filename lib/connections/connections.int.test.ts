import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '@/fakes/anthropic-admin-server';
import { FakeTraffic } from '@/fakes/fake-traffic';
import { startFakeOpenAI, type FakeOpenAI } from '@/fakes/openai-admin-server';
import { connectionAccess } from '@/lib/collect/connection-access';
import type { PullDeps } from '@/lib/collect/pull-connection';
import { DEMO_KEYS, DEMO_SEED } from '@/lib/demo/demo-keys';
import { AppError } from '@/lib/errors';
import { createAnthropicProvider } from '@/lib/providers/anthropic';
import { createOpenAIProvider } from '@/lib/providers/openai';
import { freshDatabase } from '@/test/database';
import { createConnectionSchema } from './connection-schemas';
import { createConnection, deleteConnection, listConnections, updateConnection } from './connections';
import { initialSync } from './initial-sync';

// Connections through the lib the API calls, against the fake OpenAI and Anthropic admin
// APIs. The admin keys are known strings, searched for in everything the lib returns,
// stores in the clear, audits and logs.

const OPENAI_KEY = 'sk-admin-fake-conn-test-000000000001';
const ANTHROPIC_KEY = 'sk-ant-admin01-fake-conn-test-0000000002';
const WRONG_KEY = 'sk-admin-fake-wrong-key-00000000009';
const actor = { id: null, label: 'admin@example.com' };

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let openai: FakeOpenAI;
let anthropic: FakeAnthropic;
let deps: PullDeps & { providers: NonNullable<PullDeps['providers']> };
let logged: string[] = [];

beforeAll(async () => {
  process.env.BURNRATE_MASTER_KEY ??= randomBytes(32).toString('base64');
  ctx = await freshDatabase();
  const traffic = (provider: 'openai' | 'anthropic') => new FakeTraffic({ keys: DEMO_KEYS.filter((k) => k.provider === provider), seed: DEMO_SEED, now: Date.now });
  openai = await startFakeOpenAI({ traffic: traffic('openai'), adminKey: OPENAI_KEY });
  anthropic = await startFakeAnthropic({ traffic: traffic('anthropic'), adminKey: ANTHROPIC_KEY });
  deps = { providers: { openai: createOpenAIProvider({ timeoutMs: 5_000 }), anthropic: createAnthropicProvider({ timeoutMs: 5_000 }) }, env: {} };
});
afterAll(async () => {
  await Promise.all([openai.stop(), anthropic.stop()]);
  await ctx.cleanup();
});

// Every log line written while a test runs, at every level.
beforeEach(() => {
  logged = [];
  vi.stubEnv('LOG_LEVEL', 'debug');
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    logged.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const clear = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? String(v) : v));
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? { status: e.status, message: e.message } : e));
const counts = async () => ({
  connections: await ctx.prisma.providerConnection.count(),
  secrets: await ctx.prisma.secret.count(),
  audits: await ctx.prisma.auditEvent.count(),
});

/** Nothing the lib stored in the clear, audited or logged holds an admin key. */
async function expectNoKeysAnywhere(...values: unknown[]) {
  const audit = await ctx.prisma.auditEvent.findMany();
  const connections = await ctx.prisma.providerConnection.findMany();
  const secrets = await ctx.prisma.secret.findMany({ select: { hint: true } });
  const everything = clear([values, audit, connections, secrets, logged]);
  for (const key of [OPENAI_KEY, ANTHROPIC_KEY, WRONG_KEY]) expect(everything).not.toContain(key);
}

describe('provider connections', () => {
  it('checks the key with OpenAI before saving, and stores it only as an encrypted secret', async () => {
    const input = createConnectionSchema.parse({ name: 'OpenAI prod', provider: 'openai', adminKey: OPENAI_KEY, baseUrl: openai.baseURL });
    const created = await createConnection(ctx.prisma, input, actor, deps);
    expect(created).toMatchObject({ name: 'OpenAI prod', provider: 'openai', enabled: true, demo: false, syncStatus: 'never', keyCount: 0, credential: { source: 'secret', hint: 'sk-admin-...0001' } });
    const row = await ctx.prisma.providerConnection.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ secretId: expect.any(String), credentialEnv: null, baseUrl: openai.baseURL });
    // The collector finds the key where the dashboard put it.
    expect(await connectionAccess(ctx.prisma, row, {})).toEqual({ adminKey: OPENAI_KEY, baseUrl: openai.baseURL });
    const audit = await ctx.prisma.auditEvent.findFirstOrThrow({ where: { action: 'connection.create', targetId: created.id } });
    expect(audit).toMatchObject({ actorEmail: 'admin@example.com', targetType: 'provider_connection', after: { name: 'OpenAI prod', credential: { source: 'secret', hint: 'sk-admin-...0001' } } });
    expect((await listConnections(ctx.prisma)).map((c) => c.name)).toContain('OpenAI prod');
    expect(logged.join('')).toContain('connection_created');
    await expectNoKeysAnywhere(created, await listConnections(ctx.prisma));
  });

  it.each([
    ['openai', WRONG_KEY, 'OpenAI refused the admin key (HTTP 401): Incorrect API key provided'],
    ['openai', 'sk-proj-fake-project-key-000000000', 'OpenAI refused the admin key (HTTP 403): You have insufficient permissions for this operation. Missing scopes: api.usage.read'],
    ['anthropic', 'sk-ant-admin01-wrong-000000000000', 'Anthropic refused the admin key (HTTP 401): invalid x-api-key'],
  ] as const)('refuses a %s key the provider refuses (%s) in its words, and stores nothing', async (provider, adminKey, message) => {
    const before = await counts();
    const baseUrl = provider === 'openai' ? openai.baseURL : anthropic.baseURL;
    const refused = await failure(createConnection(ctx.prisma, createConnectionSchema.parse({ name: `Bad ${provider} ${adminKey}`, provider, adminKey, baseUrl }), actor, deps));
    expect(refused).toEqual({ status: 422, message: expect.stringContaining(message) });
    expect(await counts()).toEqual(before);
    expect(clear(refused)).not.toContain(adminKey);
    expect(logged.join('')).toContain('connection_credential_refused');
    await expectNoKeysAnywhere(refused);
  });

  it('says so when the provider cannot be reached (502), and stores nothing', async () => {
    const before = await counts();
    const input = createConnectionSchema.parse({ name: 'Nowhere', provider: 'anthropic', adminKey: ANTHROPIC_KEY, baseUrl: 'http://127.0.0.1:9' });
    expect(await failure(createConnection(ctx.prisma, input, actor, deps))).toEqual({ status: 502, message: expect.stringMatching(/^Could not check the admin key with Anthropic/) });
    expect(await counts()).toEqual(before);
  });

  it('validates the body with messages that say how to fix it', () => {
    const issue = (body: unknown) => createConnectionSchema.safeParse(body).error?.issues[0]?.message;
    expect(issue({ name: 'x', provider: 'azure', adminKey: 'k' })).toMatch(/openai or anthropic/);
    expect(issue({ name: 'x', provider: 'openai', adminKey: 'k', baseUrl: 'http://api.example.com' })).toMatch(/https/);
    expect(createConnectionSchema.parse({ name: ' x ', provider: 'openai', adminKey: 'k', baseUrl: '' })).toEqual({ name: 'x', provider: 'openai', adminKey: 'k' });
  });

  it('renames, disables, and replaces the key only when the provider accepts the new one', async () => {
    const created = await createConnection(ctx.prisma, createConnectionSchema.parse({ name: 'Anthropic org', provider: 'anthropic', adminKey: ANTHROPIC_KEY, baseUrl: anthropic.baseURL }), actor, deps);
    const taken = await failure(updateConnection(ctx.prisma, created.id, { name: 'OpenAI prod' }, actor, deps));
    expect(taken).toEqual({ status: 409, message: 'A connection named "OpenAI prod" exists already; pick another name' });

    const renamed = await updateConnection(ctx.prisma, created.id, { name: 'Anthropic main', enabled: false }, actor, deps);
    expect(renamed).toMatchObject({ name: 'Anthropic main', enabled: false, syncStatus: 'disabled' });

    const secretBefore = await ctx.prisma.secret.findFirstOrThrow({ where: { connections: { some: { id: created.id } } } });
    expect(await failure(updateConnection(ctx.prisma, created.id, { adminKey: 'sk-ant-admin01-wrong-000000000000' }, actor, deps))).toMatchObject({ status: 422 });
    expect(await ctx.prisma.secret.findUniqueOrThrow({ where: { id: secretBefore.id } })).toEqual(secretBefore);

    await anthropic.stop(); // a new key is a new fake org: the same fake with another key
    anthropic = await startFakeAnthropic({ traffic: new FakeTraffic({ keys: DEMO_KEYS.filter((k) => k.provider === 'anthropic'), seed: DEMO_SEED, now: Date.now }), adminKey: `${ANTHROPIC_KEY}X`, port: anthropic.port });
    const replaced = await updateConnection(ctx.prisma, created.id, { adminKey: `${ANTHROPIC_KEY}X`, enabled: true }, actor, deps);
    expect(replaced).toMatchObject({ enabled: true, credential: { source: 'secret', hint: 'sk-ant-...002X' } });
    const row = await ctx.prisma.providerConnection.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secretId).toBe(secretBefore.id);
    expect((await connectionAccess(ctx.prisma, row)).adminKey).toBe(`${ANTHROPIC_KEY}X`);
    const update = await ctx.prisma.auditEvent.findMany({ where: { action: 'connection.update', targetId: created.id }, orderBy: { id: 'asc' } });
    expect(update).toHaveLength(2);
    expect(update[1]).toMatchObject({ before: { credential: { hint: 'sk-ant-...0002' } }, after: { adminKeyReplaced: true, credential: { hint: 'sk-ant-...002X' } } });
    await expectNoKeysAnywhere(renamed, replaced);
  });

  it('leaves the name and key of demo and environment connections to their configuration', async () => {
    const demo = await ctx.prisma.providerConnection.create({ data: { name: 'Demo OpenAI organization', provider: 'openai', demo: true, credentialEnv: 'BURNRATE_DEMO_OPENAI_ADMIN_KEY' } });
    const env = await ctx.prisma.providerConnection.create({ data: { name: 'OpenAI (from environment)', provider: 'openai', credentialEnv: 'BURNRATE_OPENAI_ADMIN_KEY' } });
    expect(await failure(updateConnection(ctx.prisma, demo.id, { name: 'Mine' }, actor, deps))).toMatchObject({ status: 409, message: expect.stringContaining('belongs to the demo') });
    expect(await failure(updateConnection(ctx.prisma, env.id, { adminKey: OPENAI_KEY }, actor, deps))).toMatchObject({ status: 409, message: expect.stringContaining('environment variable BURNRATE_OPENAI_ADMIN_KEY') });
    expect(await updateConnection(ctx.prisma, demo.id, { enabled: false }, actor, deps)).toMatchObject({ enabled: false, credential: { source: 'environment', variable: 'BURNRATE_DEMO_OPENAI_ADMIN_KEY' } });
    await ctx.prisma.providerConnection.deleteMany({ where: { id: { in: [demo.id, env.id] } } });
  });

  it('loads keys and 8 days of minutes for a new connection, and deleting it keeps them', async () => {
    const created = await createConnection(ctx.prisma, createConnectionSchema.parse({ name: 'OpenAI backfilled', provider: 'openai', adminKey: OPENAI_KEY, baseUrl: openai.baseURL }), actor, deps);
    const now = Date.now();
    const result = await initialSync(ctx.prisma, created.id, now, deps);
    expect(result).toMatchObject({ interrupted: false });
    expect(result.written).toBeGreaterThan(0);
    const [view] = (await listConnections(ctx.prisma)).filter((c) => c.id === created.id);
    expect(view).toMatchObject({ syncStatus: 'ok', lastError: null });
    expect(view!.keyCount).toBe(DEMO_KEYS.filter((k) => k.provider === 'openai').length);
    const oldest = await ctx.prisma.usageBucket.aggregate({ where: { key: { connectionId: created.id } }, _min: { bucketStart: true } });
    expect(now - oldest._min.bucketStart!.getTime()).toBeLessThanOrEqual(8 * 86_400_000 + 3_600_000);

    const buckets = await ctx.prisma.usageBucket.count({ where: { key: { connectionId: created.id } } });
    const secretId = (await ctx.prisma.providerConnection.findUniqueOrThrow({ where: { id: created.id } })).secretId!;
    expect(await deleteConnection(ctx.prisma, created.id, actor)).toEqual({ keysKept: view!.keyCount });
    expect(await ctx.prisma.providerConnection.findUnique({ where: { id: created.id } })).toBeNull();
    expect(await ctx.prisma.secret.findUnique({ where: { id: secretId } })).toBeNull();
    const orphaned = await ctx.prisma.apiKey.findMany({ where: { providerKeyId: { in: DEMO_KEYS.filter((k) => k.provider === 'openai').map((k) => k.providerKeyId) } }, select: { connectionId: true, _count: { select: { usage: true } } } });
    expect(orphaned.every((k) => k.connectionId === null)).toBe(true);
    expect(orphaned.reduce((n, k) => n + k._count.usage, 0)).toBe(buckets);
    expect(await ctx.prisma.auditEvent.findFirst({ where: { action: 'connection.delete', targetId: created.id } })).toMatchObject({ before: { name: 'OpenAI backfilled', keysKept: view!.keyCount } });
    expect(await failure(deleteConnection(ctx.prisma, created.id, actor))).toMatchObject({ status: 404 });
    await expectNoKeysAnywhere();
  });
});
