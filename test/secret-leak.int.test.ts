import { randomBytes } from 'node:crypto';
import type * as NextServer from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '@/fakes/anthropic-admin-server';
import { FakeTraffic } from '@/fakes/fake-traffic';
import { startFakeOpenAI, type FakeOpenAI } from '@/fakes/openai-admin-server';
import { startFakePagerDuty, type FakePagerDuty } from '@/fakes/pagerduty-events-server';
import { startFakeSlack, type FakeSlack } from '@/fakes/slack-webhook-server';
import { deliverDueAlerts } from '@/lib/alerts/deliver-alerts';
import { alertOutbox } from '@/lib/alerts/outbox';
import { ensureConfiguredConnections } from '@/lib/collect/configured-connections';
import { pullConnection } from '@/lib/collect/pull-connection';
import { prisma } from '@/lib/db';
import { DEMO_KEYS, DEMO_SEED } from '@/lib/demo/demo-keys';
import { recordFindings } from '@/lib/incidents/record-findings';
import { PROVIDERS } from '@/lib/providers/registry';
import { createSecret, readSecret } from '@/lib/secrets/secret-store';
import { loadRoutes, ORIGIN, type RouteEntry } from './api-routes';
import { freshDatabase } from './database';
import { signInAs } from './sign-in';

// Seeds known secrets (canaries) where Burnrate keeps secrets, drives every path that
// touches them through the real route handlers, fakes and workers, and then searches every
// output for them: API bodies and headers (every GET route, error paths included), log
// lines at debug level, thrown errors, what the fake Slack and PagerDuty received, and every
// database row outside the encrypted secret table. A canary counts as leaked when it
// appears whole or as any 8 characters of its secret part (longer than a hint's tail).

// Route handlers run here outside Next's request scope, where next/server's after() throws:
// its callbacks (a new connection's initial sync: eight days of minute buckets, minutes of
// work here) are counted, and the test pulls the connection's keys and last hour instead.
const deferred = vi.hoisted(() => [] as (() => unknown)[]);
vi.mock('next/server', async (original) => ({ ...(await original<typeof NextServer>()), after: (task: () => unknown) => void deferred.push(task) }));

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const random = (n: number, alphabet = BASE62) => Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');

type Canary = { name: string; value: string; parts: string[] };
const canary = (name: string, prefix: string, body: string, suffix = ''): Canary => ({ name, value: `${prefix}${body}${suffix}`, parts: [body] });

const OPENAI = canary('OpenAI admin key', 'sk-admin-FAKE-canary-', random(32));
const ANTHROPIC = canary('Anthropic admin key', 'sk-ant-admin01-FAKE-canary-', random(32));
const WRONG_OPENAI = canary('wrong OpenAI admin key', 'sk-admin-FAKE-canary-wrong-', random(32));
const WRONG_ANTHROPIC = canary('wrong Anthropic admin key', 'sk-ant-admin01-FAKE-canary-wrong-', random(32));
const ENV_OPENAI = canary('OpenAI admin key from the environment', 'sk-admin-FAKE-canary-env-', random(32));
const ROUTING = canary('PagerDuty routing key', 'FAKEcanary', random(22));
const DEAD_ROUTING = canary('refused PagerDuty routing key', 'FAKEcanary', random(22));
const SLACK_SECRET = random(24);
const SLACK_IDS = `TFAKE${random(6, 'ABCDEFGHJKLMNPQRSTUVWXYZ')}/BFAKE${random(6, 'ABCDEFGHJKLMNPQRSTUVWXYZ')}`;
const SLACK_PATH = `/services/${SLACK_IDS}/${SLACK_SECRET}`;
const REVOKED_SLACK_SECRET = random(24);
const UNREACHABLE_SLACK_SECRET = random(24);
const MASTER_TEXT = `FAKE-canary-master-${random(13)}`; // 32 bytes
const MASTER = Buffer.from(MASTER_TEXT);

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let openai: FakeOpenAI;
let anthropic: FakeAnthropic;
let slack: FakeSlack;
let pd: FakePagerDuty;
let cookie = '';
let routes: RouteEntry[] = [];
let canaries: Canary[] = [];
let ingestToken = '';
const ids = { key: '', incident: '', connection: '', route: '', token: '', budget: '' };

/** Everything Burnrate said, wrote or sent; `where` names it in a failure. */
const outputs: { where: string; text: string }[] = [];
const logged: string[] = [];
const record = (where: string, value: unknown) => outputs.push({ where, text: typeof value === 'string' ? value : JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? String(v) : v)) });

async function call(method: string, path: string, options: { body?: unknown; params?: Record<string, string>; headers?: Record<string, string>; expect?: number } = {}) {
  const template = routeTemplate(path);
  const entry = routes.find((r) => r.key === `${method} ${template}`);
  if (!entry) throw new Error(`no route handler for ${method} ${template}`);
  const res = await entry.handler(
    new Request(`${ORIGIN}${path}`, {
      method,
      headers: { origin: ORIGIN, 'sec-fetch-site': 'same-origin', cookie, ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    }),
    { params: Promise.resolve(options.params ?? {}) },
  );
  const text = await res.text();
  record(`${method} ${path} → ${res.status}`, text);
  record(`${method} ${path} → ${res.status} headers`, [...res.headers].filter(([name]) => name !== 'set-cookie'));
  if (options.expect !== undefined) expect(res.status, `${method} ${path}: ${text}`).toBe(options.expect);
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> & { id: string } };
}

// "/api/keys/0b6f…/series" -> "/api/keys/[id]/series"
function routeTemplate(path: string): string {
  const p = new URL(path, ORIGIN).pathname;
  return p.replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/, '/[id]').replace(/^\/api\/environments\/(?!settings)[^/]+/, '/api/environments/[name]');
}

beforeAll(async () => {
  ctx = await freshDatabase();
  // Before any route module reads them: env() and the keyring are read once per process.
  process.env.DATABASE_URL = ctx.url;
  process.env.BURNRATE_MASTER_KEY = MASTER.toString('base64');
  process.env.LOG_LEVEL = 'debug';
  process.env.LOG_FORMAT = 'json';
  const traffic = (provider: 'openai' | 'anthropic') => new FakeTraffic({ keys: DEMO_KEYS.filter((k) => k.provider === provider), seed: DEMO_SEED, now: Date.now });
  openai = await startFakeOpenAI({ traffic: traffic('openai'), adminKey: OPENAI.value });
  anthropic = await startFakeAnthropic({ traffic: traffic('anthropic'), adminKey: ANTHROPIC.value });
  slack = await startFakeSlack({ rateLimit: false });
  pd = await startFakePagerDuty();
  process.env.BURNRATE_PAGERDUTY_EVENTS_URL = pd.url;
  canaries = [
    OPENAI, ANTHROPIC, WRONG_OPENAI, WRONG_ANTHROPIC, ENV_OPENAI, ROUTING, DEAD_ROUTING,
    { name: 'Slack webhook URL', value: `${slack.url}${SLACK_PATH}`, parts: [SLACK_SECRET, SLACK_IDS] },
    { name: 'revoked Slack webhook URL', value: `${slack.url}/services/TFAKE/BFAKE/${REVOKED_SLACK_SECRET}`, parts: [REVOKED_SLACK_SECRET] },
    { name: 'unreachable Slack webhook URL', value: `http://127.0.0.1:9/services/TFAKE/BFAKE/${UNREACHABLE_SLACK_SECRET}`, parts: [UNREACHABLE_SLACK_SECRET] },
    { name: 'master key', value: MASTER.toString('base64'), parts: [MASTER.toString('base64'), MASTER.toString('hex'), MASTER_TEXT.slice('FAKE-canary-master-'.length)] },
  ];
  // Every log line and console message from here on; none is passed through.
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  ({ cookie } = await signInAs(ctx.prisma, 'admin'));
  routes = await loadRoutes({ 'app/api/auth/[...all]/route.ts': 'better-auth' });
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await Promise.all([openai?.stop(), anthropic?.stop(), slack?.stop(), pd?.stop()]);
  await prisma().$disconnect();
  await ctx?.cleanup();
});

describe('secrets never leave the server', () => {
  it('provider connections: a credential check, refused and unreachable providers, bad input', async () => {
    const good = await call('POST', '/api/connections', { body: { name: 'OpenAI canary', provider: 'openai', adminKey: OPENAI.value, baseUrl: openai.baseURL }, expect: 200 });
    ids.connection = good.json().id;
    await call('POST', '/api/connections', { body: { name: 'Anthropic canary', provider: 'anthropic', adminKey: ANTHROPIC.value, baseUrl: anthropic.baseURL }, expect: 200 });
    await call('POST', '/api/connections', { body: { name: 'OpenAI wrong', provider: 'openai', adminKey: WRONG_OPENAI.value, baseUrl: openai.baseURL }, expect: 422 });
    await call('POST', '/api/connections', { body: { name: 'Anthropic wrong', provider: 'anthropic', adminKey: WRONG_ANTHROPIC.value, baseUrl: anthropic.baseURL }, expect: 422 });
    await call('POST', '/api/connections', { body: { name: 'Nowhere', provider: 'openai', adminKey: WRONG_OPENAI.value, baseUrl: 'http://127.0.0.1:9' }, expect: 502 });
    await call('POST', '/api/connections', { body: { name: 'Plain http', provider: 'openai', adminKey: WRONG_OPENAI.value, baseUrl: 'http://api.example.com' }, expect: 400 });
    await call('POST', '/api/connections', { body: { name: 'Bad provider', provider: 'azure', adminKey: WRONG_OPENAI.value }, expect: 400 });
    await call('POST', '/api/connections', { body: { name: 'Spaces', provider: 'openai', adminKey: `${WRONG_OPENAI.value} ${WRONG_ANTHROPIC.value}` }, expect: 400 });
    await call('POST', '/api/connections', { body: `{"name":"Broken","adminKey":"${WRONG_OPENAI.value}"`, expect: 400 });
    await call('PATCH', `/api/connections/${ids.connection}`, { params: { id: ids.connection }, body: { adminKey: WRONG_OPENAI.value }, expect: 422 });
    expect(deferred).toHaveLength(2); // the two new connections' initial syncs
  });

  it('collection: a pull with a key the provider refuses, and one from the environment', async () => {
    const db = prisma();
    const env = { BURNRATE_OPENAI_ADMIN_KEY: ENV_OPENAI.value, BURNRATE_OPENAI_BASE_URL: openai.baseURL };
    await ensureConfiguredConnections(db, env);
    // A stored key the provider stopped accepting (revoked after it was saved).
    const secret = await createSecret(db, WRONG_OPENAI.value, 'openai');
    const stale = await db.providerConnection.create({ data: { name: 'OpenAI revoked', provider: 'openai', baseUrl: openai.baseURL, secretId: secret.id } });
    const deps = { providers: PROVIDERS, env, retry: { attempts: 1, baseMs: 1, maxDelayMs: 1, sleep: async () => undefined } };

    for (const mode of ['keys', 'recent'] as const) await pullConnection(db, ids.connection, mode, Date.now(), deps);
    const fromEnv = await db.providerConnection.findUniqueOrThrow({ where: { name: 'OpenAI (from environment)' } });
    for (const [id, mode] of [[stale.id, 'keys'], [stale.id, 'recent'], [fromEnv.id, 'keys']] as const) {
      const error = await pullConnection(db, id, mode, Date.now(), deps).then(() => null, (e: unknown) => e);
      expect(error, `pull ${mode} of ${id}`).toBeInstanceOf(Error);
      record(`thrown by pullConnection(${mode})`, { message: (error as Error).message, stack: (error as Error).stack, cause: String((error as Error).cause) });
    }
    // Keys under the refused connection exist from an earlier, good sync; disabling one asks the provider with the stale key.
    const key = await db.apiKey.findFirstOrThrow({ where: { connectionId: ids.connection } });
    const orphan = await db.apiKey.create({ data: { provider: 'openai', providerKeyId: 'key_canary_stale', name: 'stale-key', environment: key.environment, connectionId: stale.id, projectId: key.projectId } });
    ids.key = key.id;
    await call('POST', `/api/keys/${orphan.id}/disable`, { params: { id: orphan.id }, body: { confirmName: 'stale-key' }, expect: 502 });
    await call('POST', `/api/keys/${orphan.id}/disable`, { params: { id: orphan.id }, body: { confirmName: WRONG_OPENAI.value }, expect: 400 });
  });

  it('alert routes: test alerts to Slack and PagerDuty, a revoked and an unreachable webhook, bad targets', async () => {
    slack.addWebhook(SLACK_PATH);
    slack.revoke(slack.addWebhook(`/services/TFAKE/BFAKE/${REVOKED_SLACK_SECRET}`));
    const targets = [
      ['slack canary', 'slack', `${slack.url}${SLACK_PATH}`, true],
      ['pagerduty canary', 'pagerduty', ROUTING.value, true],
      ['slack revoked', 'slack', `${slack.url}/services/TFAKE/BFAKE/${REVOKED_SLACK_SECRET}`, false],
      ['slack unreachable', 'slack', `http://127.0.0.1:9/services/TFAKE/BFAKE/${UNREACHABLE_SLACK_SECRET}`, false],
    ] as const;
    for (const [name, channel, target, delivered] of targets) {
      const created = await call('POST', '/api/alert-routes', { body: { name, channel, target, minSeverity: 'info' }, expect: 200 });
      const id = created.json().id;
      if (name === 'slack canary') ids.route = id;
      const test = await call('POST', `/api/alert-routes/${id}/test`, { params: { id }, expect: 200 });
      expect(test.json().ok, `${name}: ${test.text}`).toBe(delivered);
    }
    await call('POST', '/api/alert-routes', { body: { name: 'bad slack', channel: 'slack', target: `ftp://hooks.example.com/services/T/B/${REVOKED_SLACK_SECRET}` }, expect: 400 });
    await call('POST', '/api/alert-routes', { body: { name: 'bad pd', channel: 'pagerduty', target: `${DEAD_ROUTING.value}!` }, expect: 400 });
    await call('PATCH', `/api/alert-routes/${ids.route}`, { params: { id: ids.route }, body: { target: DEAD_ROUTING.value }, expect: 400 });
    expect(slack.messages.length).toBeGreaterThan(0);
    expect(pd.requests.length).toBeGreaterThan(0);
  });

  it('real deliveries: an incident pages Slack and PagerDuty through the outbox', async () => {
    const db = prisma();
    const key = await db.apiKey.findUniqueOrThrow({ where: { id: ids.key } });
    const now = Date.now();
    const at = Math.floor(now / 60_000) * 60_000;
    const finding = { key: key.id, keyId: key.id, environment: key.environment ?? 'production', kind: 'spike' as const, severity: 'critical' as const, summary: 'canary burst', at, evidence: { observedUsd: 40, expectedUsd: 2 } };
    await recordFindings(db, [finding], { now, bucketSeconds: 60, onChange: alertOutbox({ publicUrl: ORIGIN }) });
    const before = { slack: slack.messages.length, pd: pd.requests.length };
    const counts = await deliverDueAlerts(db, { readTarget: (id) => readSecret(db, id), pagerDutyUrl: pd.url, sleep: async () => undefined, random: () => 0.5, budgetMs: 20_000 });
    record('deliverDueAlerts counts', counts);
    expect(counts.delivered).toBeGreaterThanOrEqual(2);
    expect(slack.messages.length).toBeGreaterThan(before.slack);
    expect(pd.requests.length).toBeGreaterThan(before.pd);
    ids.incident = (await db.incident.findFirstOrThrow({ where: { keyId: key.id } })).id;
  });

  it('ingest tokens: created, used, refused, revoked', async () => {
    const created = await fetchCreatedToken();
    ingestToken = created.token;
    ids.token = created.info.id;
    canaries.push({ name: 'ingest token', value: ingestToken, parts: [ingestToken.slice(8)] });
    const post = (authorization: string, body: unknown, status: number) => call('POST', '/api/ingest/events', { headers: { authorization }, body, expect: status });
    const key = await prisma().apiKey.findUniqueOrThrow({ where: { id: ids.key } });
    const event = { id: 'canary-1', timestamp: new Date().toISOString(), key: key.providerKeyId, provider: 'openai', model: 'gpt-4o-mini', inputTokens: 10, outputTokens: 2 };
    await post(`Bearer ${ingestToken}`, { events: [event] }, 202);
    await post(`Bearer ${ingestToken}`, { events: [{ ...event, inputTokens: 'many' }] }, 400);
    await post(`Bearer ${ingestToken}x`, { events: [event] }, 401);
    await post(`Basic ${ingestToken}`, { events: [event] }, 401);
    await call('DELETE', `/api/ingest-tokens/${ids.token}`, { params: { id: ids.token }, expect: 200 });
    await post(`Bearer ${ingestToken}`, { events: [event] }, 401);
    await call('POST', '/api/ingest-tokens', { body: { name: `bad ${ingestToken}` }, expect: 400 });
  });

  it('every GET route as an admin, with good and with bad queries, and the audit export', async () => {
    const budget = await call('PUT', '/api/budgets', { body: { scope: 'key', keyId: ids.key, monthlyUsd: 100 }, expect: 200 });
    ids.budget = budget.json().id;
    const idFor: Record<string, string> = { keys: ids.key, incidents: ids.incident, connections: ids.connection, 'alert-routes': ids.route, 'ingest-tokens': ids.token, budgets: ids.budget };
    const gets = routes.filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThan(15);
    for (const entry of gets) {
      const template = entry.key.slice(4);
      const section = template.split('/')[2]!;
      const params: Record<string, string> = {};
      let path = template;
      if (template.includes('[id]')) {
        expect(idFor[section], `an id for ${entry.key}: add one to idFor`).toBeTruthy();
        params.id = idFor[section]!;
        path = path.replace('[id]', params.id);
      }
      if (template.includes('[name]')) path = path.replace('[name]', (params.name = 'production'));
      for (const search of ['', '?range=nope&page=0&since=yesterday&pageSize=-1&unit=x']) {
        const res = await entry.handler(new Request(`${ORIGIN}${path}${search}`, { headers: { origin: ORIGIN, 'sec-fetch-site': 'same-origin', cookie } }), { params: Promise.resolve(params) });
        const text = await res.text();
        record(`GET ${path}${search} → ${res.status}`, text);
        if (search === '') expect(res.status, `GET ${path}: ${text}`).toBeLessThan(300);
        else expect(res.status, `GET ${path}${search}: ${text}`).toBeLessThan(500);
      }
    }
    const exported = await call('GET', '/api/audit/export', { expect: 200 });
    const actions = exported.text.trim().split('\n').map((l) => (JSON.parse(l) as { action: string }).action);
    expect(actions).toEqual(expect.arrayContaining(['connection.create', 'alert_route.create', 'ingest_token.create', 'ingest_token.revoke']));
  }, 300_000);

  it('no canary appears in any response, log line, error, alert payload or row outside the secret table', async () => {
    const db = prisma();
    for (const m of slack.messages) record(`Slack received at ${m.hook.replace(SLACK_SECRET, '<secret>')}`, m.body);
    for (const r of slack.requests) record(`Slack request ${r.status}`, { status: r.status, reply: r.reply, body: r.body });
    // PagerDuty's events carry the routing key by design: everything else in them may not.
    for (const r of pd.requests) {
      const { routing_key: _routingKey, ...rest } = (r.body ?? {}) as Record<string, unknown>;
      record(`PagerDuty received ${r.path}`, { rest, reply: r.reply });
    }
    const tables = await db.$queryRaw<{ table_name: string }[]>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('secret', '_prisma_migrations')`;
    expect(tables.length).toBeGreaterThan(10);
    for (const { table_name } of tables) {
      const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${table_name}" t`);
      record(`database table ${table_name}`, rows.map((r) => r.row).join('\n'));
    }
    record('database table secret (hints)', await db.secret.findMany({ select: { hint: true } }));
    record('log lines', logged.join(''));
    expect(logged.join('')).toContain('connection_credential_refused');

    const leaks: string[] = [];
    for (const c of canaries) {
      const needles = [c.value, ...c.parts.flatMap((p) => windows(p, 8))];
      for (const out of outputs) {
        // The create answer is the one place the token is shown, once.
        if (c.name === 'ingest token' && out.where === 'POST /api/ingest-tokens → 200') continue;
        const hit = needles.find((n) => out.text.includes(n));
        if (hit) {
          const at = out.text.indexOf(hit);
          leaks.push(`${c.name} in ${out.where}: …${out.text.slice(Math.max(0, at - 60), at + hit.length + 20)}…`);
        }
      }
    }
    expect(outputs.length).toBeGreaterThan(100);
    expect(leaks).toEqual([]);
  });
});

function windows(text: string, size: number): string[] {
  if (text.length <= size) return [text];
  return Array.from({ length: text.length - size + 1 }, (_, i) => text.slice(i, i + size));
}

async function fetchCreatedToken(): Promise<{ token: string; info: { id: string } }> {
  const res = await call('POST', '/api/ingest-tokens', { body: { name: 'canary-gateway' }, expect: 200 });
  return res.json() as unknown as { token: string; info: { id: string } };
}
