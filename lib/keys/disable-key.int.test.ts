import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '@/fakes/anthropic-admin-server';
import { FakeTraffic } from '@/fakes/fake-traffic';
import { startFakeOpenAI, type FakeOpenAI } from '@/fakes/openai-admin-server';
import { DEMO_KEYS, DEMO_SEED } from '@/lib/demo/demo-keys';
import type { Actor } from '@/lib/incidents/incident-actions';
import { freshDatabase } from '@/test/database';
import { disableKey } from './disable-key';

// Disabling keys at the fake OpenAI (deletes the project key) and Anthropic (sets it
// inactive) admin APIs, through the real connectors: the provider is asked first, a refusal
// changes nothing and shows the provider's message, and the admin key is never repeated.

const OPENAI_ADMIN = 'sk-admin-disable-test-1234567890';
const ANTHROPIC_ADMIN = 'sk-ant-admin01-disable-test-0987654321';
const NOW = Date.parse('2026-03-04T12:34:20Z');
const actor: Actor = { id: null, label: 'ana@example.com' };
const traffic = new FakeTraffic({ keys: DEMO_KEYS, seed: DEMO_SEED, now: () => NOW });

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let openai: FakeOpenAI;
let anthropic: FakeAnthropic;
const env: Record<string, string> = { TEST_OPENAI_ADMIN: OPENAI_ADMIN, TEST_ANTHROPIC_ADMIN: ANTHROPIC_ADMIN, TEST_WRONG_ADMIN: 'sk-admin-wrong-credential-5555' };
const connections: Record<string, string> = {};

beforeAll(async () => {
  ctx = await freshDatabase();
  openai = await startFakeOpenAI({ traffic, adminKey: OPENAI_ADMIN });
  anthropic = await startFakeAnthropic({ traffic, adminKey: ANTHROPIC_ADMIN });
  const db = ctx.prisma;
  await db.environment.createMany({ data: [{ name: 'production' }, { name: 'staging' }] });
  for (const [name, provider, baseUrl, credentialEnv] of [
    ['openai', 'openai', openai.baseURL, 'TEST_OPENAI_ADMIN'],
    ['anthropic', 'anthropic', anthropic.baseURL, 'TEST_ANTHROPIC_ADMIN'],
    ['openai-wrong', 'openai', openai.baseURL, 'TEST_WRONG_ADMIN'],
  ] as const) {
    connections[name] = (await db.providerConnection.create({ data: { name, provider, baseUrl, credentialEnv } })).id;
  }
});
afterAll(async () => {
  await Promise.all([openai.stop(), anthropic.stop()]);
  await ctx.cleanup();
});

async function key(name: string, data: { provider: 'openai' | 'anthropic'; providerKeyId: string; projectId?: string; connection?: string | null }) {
  const connectionId = data.connection === null ? null : connections[data.connection ?? data.provider]!;
  const k = await ctx.prisma.apiKey.create({
    data: { name, provider: data.provider, providerKeyId: data.providerKeyId, projectId: data.projectId ?? null, environment: 'staging', connectionId },
  });
  return k.id;
}

async function openIncident(keyId: string) {
  return ctx.prisma.incident.create({
    data: { kind: 'spike', keyId, environment: 'staging', severity: 'error', summary: 'Spike', evidence: {}, dedupKey: `spike:${keyId}`, openedAt: new Date(NOW - 600_000), lastSeenAt: new Date(NOW) },
  });
}

const audits = (keyId: string) => ctx.prisma.auditEvent.findMany({ where: { targetId: keyId } });
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as { code: string; message: string; status: number });

describe('disableKey', () => {
  it('deletes an OpenAI key at the provider, then marks it disabled, audits it and notes it on its open incidents', async () => {
    const id = await key('Support chat (staging)', { provider: 'openai', providerKeyId: 'key_demo_staging_support_chat', projectId: 'proj_demo_helpdesk' });
    const incident = await openIncident(id);
    await disableKey(ctx.prisma, id, { confirmName: 'Support chat (staging)', actor, now: NOW, env });
    expect(openai.deletedKeys.has('key_demo_staging_support_chat')).toBe(true);
    const k = await ctx.prisma.apiKey.findUniqueOrThrow({ where: { id } });
    expect(k).toMatchObject({ status: 'disabled', disabledAt: new Date(NOW), disabledBy: 'ana@example.com' });
    const [audit] = await audits(id);
    expect(audit).toMatchObject({ action: 'key.disable', targetType: 'api_key', actorEmail: 'ana@example.com', before: { status: 'active' }, after: { status: 'disabled' } });
    expect(JSON.stringify(audit, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(OPENAI_ADMIN);
    const events = await ctx.prisma.incidentEvent.findMany({ where: { incidentId: incident.id } });
    expect(events).toEqual([expect.objectContaining({ type: 'key_disabled', actor: 'ana@example.com' })]);
    // A second try is refused before the provider is asked again.
    expect(await refusal(disableKey(ctx.prisma, id, { confirmName: 'Support chat (staging)', actor, now: NOW, env }))).toMatchObject({ code: 'conflict', status: 409 });
  });

  it('sets an Anthropic key inactive', async () => {
    const id = await key('Code review bot (staging)', { provider: 'anthropic', providerKeyId: 'apikey_demo_staging_code_review', projectId: 'wrkspc_demo_engineering' });
    await disableKey(ctx.prisma, id, { confirmName: 'Code review bot (staging)', actor, now: NOW, env });
    expect(anthropic.keyStatus.get('apikey_demo_staging_code_review')).toBe('inactive');
    expect((await ctx.prisma.apiKey.findUniqueOrThrow({ where: { id } })).status).toBe('disabled');
    expect(await audits(id)).toHaveLength(1);
  });

  it('asks for the exact name and calls no provider without it', async () => {
    const id = await key('Search answers', { provider: 'anthropic', providerKeyId: 'apikey_demo_search_answers', projectId: 'wrkspc_demo_product' });
    for (const typed of ['search answers', 'Search answers ', '']) {
      const error = await refusal(disableKey(ctx.prisma, id, { confirmName: typed, actor, now: NOW, env }));
      expect(error).toMatchObject({ code: 'bad_request', status: 400, message: "type the key's name to confirm" });
    }
    expect(anthropic.keyStatus.get('apikey_demo_search_answers')).toBe('active');
    expect((await ctx.prisma.apiKey.findUniqueOrThrow({ where: { id } })).status).toBe('active');
    expect(await audits(id)).toHaveLength(0);
  });

  it.each([
    ['OpenAI, a key it does not have (404)', 'openai', 'key_not_at_openai', 'proj_demo_helpdesk', 'openai', /OpenAI refused to disable the key: No such API key: 'key_not_at_openai'/],
    ['Anthropic, a key it does not have (404)', 'anthropic', 'apikey_not_at_anthropic', 'wrkspc_demo_product', 'anthropic', /Anthropic refused to disable the key: .+/],
    ['OpenAI, a wrong admin key (401)', 'openai', 'key_demo_legacy_crm', 'proj_demo_default', 'openai-wrong', /OpenAI refused to disable the key: Incorrect API key provided/],
  ] as const)('shows the provider’s refusal and changes nothing: %s', async (_, provider, providerKeyId, projectId, connection, message) => {
    const id = await key(`Refused ${providerKeyId}`, { provider, providerKeyId, projectId, connection });
    const incident = await openIncident(id);
    const error = await refusal(disableKey(ctx.prisma, id, { confirmName: `Refused ${providerKeyId}`, actor, now: NOW, env }));
    expect(error).toMatchObject({ code: 'provider_error', status: 502 });
    expect(error!.message).toMatch(message);
    for (const secret of Object.values(env)) expect(error!.message).not.toContain(secret);
    expect(await ctx.prisma.apiKey.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'active', disabledAt: null, disabledBy: null });
    expect(await audits(id)).toHaveLength(0);
    expect(await ctx.prisma.incidentEvent.count({ where: { incidentId: incident.id } })).toBe(0);
    expect(openai.deletedKeys.has('key_demo_legacy_crm')).toBe(false);
  });

  it('refuses keys seen only through ingest with a 409 that says why', async () => {
    const id = await key('Gateway only', { provider: 'openai', providerKeyId: 'key_gateway_only', connection: null });
    const error = await refusal(disableKey(ctx.prisma, id, { confirmName: 'Gateway only', actor, now: NOW, env }));
    expect(error).toMatchObject({ code: 'conflict', status: 409 });
    expect(error!.message).toMatch(/only through ingested events/);
  });

  it('names the missing credential variable, not a value', async () => {
    const id = await key('No credential', { provider: 'openai', providerKeyId: 'key_demo_support_chat', projectId: 'proj_demo_helpdesk' });
    const error = await refusal(disableKey(ctx.prisma, id, { confirmName: 'No credential', actor, now: NOW, env: {} }));
    expect(error).toMatchObject({ code: 'unavailable' });
    expect(error!.message).toMatch(/set TEST_OPENAI_ADMIN/);
    expect(openai.deletedKeys.has('key_demo_support_chat')).toBe(false);
  });

  it('leaves no credential in any audit row or incident event', async () => {
    const rows = [...(await ctx.prisma.auditEvent.findMany()), ...(await ctx.prisma.incidentEvent.findMany())];
    const text = JSON.stringify(rows, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    for (const secret of Object.values(env)) expect(text).not.toContain(secret);
  });
});
