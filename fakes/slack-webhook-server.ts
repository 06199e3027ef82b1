import { FaultPlan } from './faults';
import { startFakeServer, switchableServer } from './fake-http';
import type { FakeReply, FakeRequest } from './fake-http';

// A fake of Slack incoming webhooks on loopback: POST /services/<T>/<B>/<secret> with JSON.
// Answers like Slack: 200 with the plain-text body `ok`, errors as one plain-text word with
// the status of /work/shared/reference/provider-apis.md §6 (only `ok` and `invalid_token`
// are confirmed there; the rest follows public clients). Webhooks must be added first;
// anything else is `no_service`, as Slack answers for a revoked or made-up URL.

export type SlackHookState = 'active' | 'revoked' | 'archived' | 'prohibited';

export type SlackRequestRecord = { at: number; method: string; path: string; status: number; reply: string; body: unknown; problem?: string };
export type SlackMessageRecord = { at: number; hook: string; body: Record<string, unknown> };

export type FakeSlackOptions = {
  port?: number;
  webhooks?: readonly string[]; // paths added at start
  rateLimit?: { perSecond: number; burst: number } | false; // per webhook; default 1/s, burst 3
  now?: () => number; // for the rate limiter; default Date.now
  faults?: FaultPlan; // rate_limit, server_error, timeout, slow: applied before anything else
};

export type FakeSlack = {
  url: string; // http://127.0.0.1:<port>
  port: number;
  faults: FaultPlan;
  messages: SlackMessageRecord[]; // accepted messages only, in order
  requests: SlackRequestRecord[]; // every request that got an answer
  addWebhook(path?: string): string; // adds (or re-activates) a webhook; returns its full URL
  setWebhookState(urlOrPath: string, state: SlackHookState): void;
  revoke(urlOrPath: string): void;
  messagesFor(urlOrPath: string): SlackMessageRecord[];
  down(mode?: 'refused' | 'unavailable'): Promise<void>; // refused: nothing listens on the port
  up(): Promise<void>;
  stop(): Promise<void>;
};

export const FAKE_SLACK_HOOK = '/services/TFAKE/BFAKE/fakefakefake';
/** GET: the accepted messages as JSON, for a demo's end-to-end test to read what a channel
 * showed (the alert's links). Not Slack's: Slack has nothing to read messages back. */
export const FAKE_SLACK_MESSAGES_PATH = '/_fake/messages';
const HOOK_PATH = /^\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+$/;

// The Block Kit limits Slack enforces that a renderer is most likely to trip; a subset.
const textObject = (t: unknown, max: number, plainOnly = false): string | null => {
  const o = t as { type?: unknown; text?: unknown } | null;
  if (!o || (o.type !== 'plain_text' && (plainOnly || o.type !== 'mrkdwn'))) return `text type must be ${plainOnly ? 'plain_text' : 'plain_text or mrkdwn'}`;
  if (typeof o.text !== 'string' || o.text.length < 1 || o.text.length > max) return `text must be 1..${max} characters`;
  return null;
};

export function blockProblem(blocks: unknown[]): string | null {
  if (blocks.length > 50) return 'more than 50 blocks';
  for (const [i, raw] of blocks.entries()) {
    const b = (raw ?? {}) as Record<string, unknown>;
    const at = (p: string | null) => (p ? `blocks[${i}] (${String(b.type)}): ${p}` : null);
    const elements = Array.isArray(b.elements) ? (b.elements as unknown[]) : null;
    let p: string | null = null;
    if (b.type === 'header') p = textObject(b.text, 150, true);
    else if (b.type === 'section') {
      const fields = Array.isArray(b.fields) ? (b.fields as unknown[]) : null;
      if (!b.text && !fields) p = 'needs text or fields';
      else if (b.text) p = textObject(b.text, 3000);
      if (!p && fields) p = fields.length > 10 ? 'more than 10 fields' : (fields.map((f) => textObject(f, 2000)).find(Boolean) ?? null);
    } else if (b.type === 'context') p = !elements || elements.length < 1 || elements.length > 10 ? 'needs 1..10 elements' : null;
    else if (b.type === 'actions') {
      if (!elements || elements.length < 1 || elements.length > 25) p = 'needs 1..25 elements';
      else p = elements.map((e) => textObject((e as { text?: unknown }).text, 75, true)).find(Boolean) ?? null;
    } else if (b.type !== 'divider' && b.type !== 'image' && b.type !== 'rich_text') p = 'unknown block type';
    if (p) return at(p);
  }
  return null;
}

const word = (status: number, text: string, headers?: Record<string, string>): FakeReply => ({ status, body: text, ...(headers ? { headers } : {}) });

// Slack's own answer for each state of a webhook that exists.
const STATE_REPLY: Record<Exclude<SlackHookState, 'active'>, FakeReply> = {
  revoked: word(404, 'no_service'),
  archived: word(410, 'channel_is_archived'),
  prohibited: word(403, 'action_prohibited'),
};

type Reply = FakeReply & { problem?: string };

function payloadProblem(body: unknown): Reply | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return word(400, 'invalid_payload');
  const b = body as Record<string, unknown>;
  const hasText = typeof b.text === 'string' && b.text.trim() !== '';
  const hasBlocks = Array.isArray(b.blocks) && b.blocks.length > 0;
  const hasAttachments = Array.isArray(b.attachments) && b.attachments.length > 0;
  if (b.text !== undefined && typeof b.text !== 'string') return word(400, 'invalid_payload');
  if (b.blocks !== undefined && !Array.isArray(b.blocks)) return word(400, 'invalid_payload');
  if (Array.isArray(b.attachments) && b.attachments.length > 100) return word(400, 'too_many_attachments');
  if (!hasText && !hasBlocks && !hasAttachments) return word(400, 'no_text');
  // The reference maps bad blocks to invalid_payload (some clients report invalid_blocks).
  const bad = hasBlocks ? blockProblem(b.blocks as unknown[]) : null;
  if (bad) return { ...word(400, 'invalid_payload'), problem: bad };
  return null;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const now = options.now ?? Date.now;
  const faults = options.faults ?? new FaultPlan();
  const limit = options.rateLimit === undefined ? { perSecond: 1, burst: 3 } : options.rateLimit;
  const hooks = new Map<string, SlackHookState>((options.webhooks ?? []).map((p) => [p, 'active']));
  const buckets = new Map<string, { tokens: number; at: number }>();
  const messages: SlackMessageRecord[] = [];
  const requests: SlackRequestRecord[] = [];

  // A token bucket per webhook: `burst` messages at once, refilled at `perSecond`.
  const takeToken = (hook: string): number | null => {
    if (!limit) return null;
    const t = now();
    const b = buckets.get(hook) ?? { tokens: limit.burst, at: t };
    b.tokens = Math.min(limit.burst, b.tokens + ((t - b.at) / 1000) * limit.perSecond);
    b.at = t;
    buckets.set(hook, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / limit.perSecond));
  };

  const decide = async (req: FakeRequest): Promise<Reply | null> => {
    if (server.unavailable()) return word(503, 'service_unavailable');
    const fault = faults.take(req.path, 1);
    if (fault?.kind === 'timeout') return null;
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'rate_limit') return word(429, 'rate_limited', { 'retry-after': String(fault.retryAfterSeconds) });
    if (fault?.kind === 'server_error' || fault?.kind === 'fail_page') return word(fault.kind === 'server_error' ? (fault.status ?? 500) : 500, 'rollup_error');
    if (!HOOK_PATH.test(req.path)) return word(404, 'no_service');
    const state = hooks.get(req.path);
    if (!state) return word(404, 'no_service');
    if (req.method !== 'POST') return word(405, 'invalid_method'); // UNCONFIRMED wording
    if (state !== 'active') return STATE_REPLY[state];
    const problem = payloadProblem(req.body);
    if (problem) return problem;
    const wait = takeToken(req.path);
    if (wait !== null) return word(429, 'rate_limited', { 'retry-after': String(wait) });
    messages.push({ at: now(), hook: req.path, body: req.body as Record<string, unknown> });
    return word(200, 'ok');
  };

  const handle = async (req: FakeRequest): Promise<FakeReply> => {
    if (req.method === 'GET' && req.path === FAKE_SLACK_MESSAGES_PATH) {
      return { status: 200, body: { messages: messages.map((m) => ({ at: new Date(m.at).toISOString(), body: m.body })) } };
    }
    const reply = await decide(req);
    if (!reply) return new Promise<FakeReply>(() => {}); // a timeout: never answer; stop() drops the socket
    const { problem } = reply; // why the fake said invalid_payload, for a failing test to show
    requests.push({ at: now(), method: req.method, path: req.path, status: reply.status, reply: String(reply.body), body: req.body, ...(problem ? { problem } : {}) });
    return reply;
  };

  // Faults are applied in `decide`, so the shared server gets a plan that stays empty.
  const server = await switchableServer((at: number) => startFakeServer({ port: at, faults: new FaultPlan(), pageOf: () => 1 }, handle, (s) => word(s, 'rollup_error'), (s) => word(429, 'rate_limited', { 'retry-after': String(s) })), options.port ?? 0);
  const port = server.port;

  const pathOf = (urlOrPath: string) => (urlOrPath.startsWith('/') ? urlOrPath : new URL(urlOrPath).pathname);
  const base = `http://127.0.0.1:${port}`;
  const setState = (urlOrPath: string, state: SlackHookState) => {
    const path = pathOf(urlOrPath);
    if (!hooks.has(path)) throw new Error(`fake slack: no webhook ${path}; add it first`);
    hooks.set(path, state);
  };

  return {
    url: base,
    port,
    faults,
    messages,
    requests,
    addWebhook(path = FAKE_SLACK_HOOK) {
      if (!HOOK_PATH.test(path)) throw new Error(`fake slack: ${path} is not /services/T…/B…/<secret>`);
      hooks.set(path, 'active');
      return `${base}${path}`;
    },
    setWebhookState: setState,
    revoke: (urlOrPath) => setState(urlOrPath, 'revoked'),
    messagesFor: (urlOrPath) => messages.filter((m) => m.hook === pathOf(urlOrPath)),
    down: server.down,
    up: server.up,
    stop: server.stop,
  };
}
