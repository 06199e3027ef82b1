import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@/test/database';
import { startDemoProviders, type DemoProviders } from './demo-providers';

// The demo's fake providers keep no state of their own: a key someone disabled before a
// restart must still be disabled at the fakes after it, and spend nothing since.

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-23T12:00:00Z');
const DISABLED_AT = NOW - 6 * HOUR;

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let demo: DemoProviders;

beforeAll(async () => {
  ctx = await freshDatabase();
  const db = ctx.prisma;
  await db.environment.createMany({ data: [{ name: 'production' }] });
  await db.apiKey.createMany({
    data: [
      { provider: 'openai', providerKeyId: 'key_demo_support_chat', name: 'Support chat', environment: 'production', status: 'deleted', disabledAt: new Date(DISABLED_AT) },
      { provider: 'anthropic', providerKeyId: 'apikey_demo_code_review', name: 'Code review', environment: 'production', status: 'disabled', disabledAt: new Date(DISABLED_AT) },
    ],
  });
  demo = await startDemoProviders(db, () => NOW);
});

afterAll(async () => {
  await demo?.stop();
  await ctx.cleanup();
});

const openaiUrl = async () => (await ctx.prisma.providerConnection.findFirstOrThrow({ where: { provider: 'openai', demo: true } })).baseUrl!;
const anthropicUrl = async () => (await ctx.prisma.providerConnection.findFirstOrThrow({ where: { provider: 'anthropic', demo: true } })).baseUrl!;

describe('demo providers after a restart', () => {
  it('answers 404 for an OpenAI key disabled before, and reports no usage for it since', async () => {
    const headers = { authorization: `Bearer ${demo.env.BURNRATE_DEMO_OPENAI_ADMIN_KEY}` };
    const key = await fetch(`${await openaiUrl()}/organization/projects/proj_demo_helpdesk/api_keys/key_demo_support_chat`, { headers });
    expect(key.status).toBe(404);
    const keysWithUsage = async (from: number, to: number) => {
      const search = new URLSearchParams({ start_time: String(from / 1000), end_time: String(to / 1000), bucket_width: '1h', limit: '24' });
      search.append('group_by[]', 'api_key_id');
      const res = await fetch(`${await openaiUrl()}/organization/usage/completions?${search}`, { headers });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { results: { api_key_id: string }[] }[] };
      return new Set(body.data.flatMap((b) => b.results.map((r) => r.api_key_id)));
    };
    const before = await keysWithUsage(DISABLED_AT - 12 * HOUR, DISABLED_AT);
    const since = await keysWithUsage(DISABLED_AT + HOUR, NOW);
    expect(before.has('key_demo_support_chat')).toBe(true);
    expect(since.has('key_demo_support_chat')).toBe(false);
    expect(since.size).toBeGreaterThan(0);
  });

  it('lists an Anthropic key disabled before as inactive', async () => {
    const res = await fetch(`${await anthropicUrl()}/v1/organizations/api_keys/apikey_demo_code_review`, {
      headers: { 'x-api-key': demo.env.BURNRATE_DEMO_ANTHROPIC_ADMIN_KEY!, 'anthropic-version': '2023-06-01' },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('inactive');
  });
});
