import { randomUUID } from 'node:crypto';
import { FaultPlan } from './faults';
import { startFakeServer, switchableServer } from './fake-http';
import type { FakeReply, FakeRequest } from './fake-http';

// A fake of the PagerDuty Events API v2 on loopback: POST /v2/enqueue. Validates like
// PagerDuty, answers 202/400/429, and keeps the alert each dedup_key opened, so tests can
// assert that nobody was paged twice and that events arrived in order. Wire format and dedup
// rules: /work/shared/reference/provider-apis.md §5. The 429 body and the wording of most
// validation errors are UNCONFIRMED (only the routing_key length message is quoted there).

export type PdAction = 'trigger' | 'acknowledge' | 'resolve';
export type PdAlertStatus = 'triggered' | 'acknowledged' | 'resolved';
// What an accepted event did: PagerDuty answers 202 even when it drops one.
export type PdEffect = 'opened' | 'deduplicated' | 'acknowledged' | 'resolved' | 'dropped';

export type PdEventRecord = {
  seq: number;
  at: number;
  routingKey: string;
  dedupKey: string;
  action: PdAction;
  effect: PdEffect;
  severity?: string;
  summary?: string;
  body: Record<string, unknown>;
};

export type PdAlert = { routingKey: string; dedupKey: string; status: PdAlertStatus; opened: number; events: PdEventRecord[] };
export type PdRequestRecord = { at: number; method: string; path: string; status: number; body: unknown; reply: unknown };

export type FakePagerDutyOptions = {
  port?: number;
  rateLimit?: { limit: number; windowMs: number } | false; // per routing key; default 120 per 60 s
  retryAfterSeconds?: number; // sent with a 429 when set; PagerDuty documents none
  now?: () => number;
  faults?: FaultPlan; // rate_limit, server_error, timeout, slow: applied before anything else
};

export type FakePagerDuty = {
  url: string; // base URL, what the sender takes as `baseUrl`
  port: number;
  faults: FaultPlan;
  events: PdEventRecord[]; // accepted events, in arrival order
  requests: PdRequestRecord[]; // every request that got an answer
  alert(dedupKey: string, routingKey?: string): PdAlert | undefined;
  eventsFor(dedupKey: string): PdEventRecord[];
  pages(dedupKey?: string): number; // triggers that opened a new alert
  down(mode?: 'refused' | 'unavailable'): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
};

const SEVERITIES = ['critical', 'error', 'warning', 'info'];
const ACTIONS: readonly string[] = ['trigger', 'acknowledge', 'resolve'];

const invalid = (errors: string[]): FakeReply => ({ status: 400, body: { status: 'invalid event', message: 'Event object is invalid', errors } });
const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

export function eventErrors(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['Event object is not valid JSON'];
  const e = body as Record<string, unknown>;
  const errors: string[] = [];
  if (blank(e.routing_key)) errors.push("'routing_key' is missing or blank");
  else if ((e.routing_key as string).length !== 32) errors.push("Length of 'routing_key' is incorrect (should be 32 characters)");
  if (!ACTIONS.includes(e.event_action as string)) errors.push("'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')");
  if (e.dedup_key !== undefined && (typeof e.dedup_key !== 'string' || e.dedup_key.length > 255)) errors.push("'dedup_key' must be a string of at most 255 characters");
  if ((e.event_action === 'acknowledge' || e.event_action === 'resolve') && blank(e.dedup_key)) errors.push("'dedup_key' is missing or blank");
  if (e.event_action === 'trigger') {
    const p = e.payload as Record<string, unknown> | undefined;
    if (typeof p !== 'object' || p === null) errors.push("'payload' is missing or blank");
    else {
      if (blank(p.summary)) errors.push("'payload.summary' is missing or blank");
      else if ((p.summary as string).length > 1024) errors.push("'payload.summary' is too long (maximum is 1024 characters)");
      if (blank(p.source)) errors.push("'payload.source' is missing or blank");
      if (!SEVERITIES.includes(p.severity as string)) errors.push("'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')");
      if (p.custom_details !== undefined && (typeof p.custom_details !== 'object' || p.custom_details === null)) errors.push("'payload.custom_details' must be an object");
    }
    if (e.links !== undefined && (!Array.isArray(e.links) || e.links.some((l) => blank((l as { href?: unknown })?.href)))) errors.push("'links' must be a list of objects with an 'href'");
  }
  return errors;
}

export async function startFakePagerDuty(options: FakePagerDutyOptions = {}): Promise<FakePagerDuty> {
  const now = options.now ?? Date.now;
  const faults = options.faults ?? new FaultPlan();
  const limit = options.rateLimit === undefined ? { limit: 120, windowMs: 60_000 } : options.rateLimit;
  const alerts = new Map<string, PdAlert>(); // by routing key + dedup key
  const calls = new Map<string, number[]>(); // per routing key, for the sliding window
  const events: PdEventRecord[] = [];
  const requests: PdRequestRecord[] = [];

  const throttled = (routingKey: string): boolean => {
    if (!limit) return false;
    const t = now();
    const recent = (calls.get(routingKey) ?? []).filter((at) => at > t - limit.windowMs);
    const over = recent.length >= limit.limit;
    if (!over) recent.push(t);
    calls.set(routingKey, recent);
    return over;
  };
  const tooMany = (): FakeReply => ({
    status: 429,
    body: { status: 'throttled', message: 'Too many requests' },
    ...(options.retryAfterSeconds ? { headers: { 'retry-after': String(options.retryAfterSeconds) } } : {}),
  });

  // Dedup rules: a trigger opens an alert unless one is open for the key; ack/resolve act
  // on the open alert and are dropped when there is none (or it was already resolved).
  const apply = (body: Record<string, unknown>): PdEventRecord => {
    const routingKey = body.routing_key as string;
    const action = body.event_action as PdAction;
    const dedupKey = (body.dedup_key as string | undefined) ?? randomUUID();
    const id = `${routingKey}\n${dedupKey}`;
    const current = alerts.get(id);
    const open = current && current.status !== 'resolved' ? current : undefined;
    let effect: PdEffect;
    if (action === 'trigger') effect = open ? 'deduplicated' : 'opened';
    else if (!open) effect = 'dropped';
    else effect = action === 'acknowledge' ? 'acknowledged' : 'resolved';
    const payload = (body.payload ?? {}) as { severity?: string; summary?: string };
    const record: PdEventRecord = { seq: events.length + 1, at: now(), routingKey, dedupKey, action, effect, severity: payload.severity, summary: payload.summary, body };
    const alert = current ?? { routingKey, dedupKey, status: 'triggered' as PdAlertStatus, opened: 0, events: [] };
    if (effect === 'opened') Object.assign(alert, { status: 'triggered', opened: alert.opened + 1 });
    if (effect === 'acknowledged' && alert.status === 'triggered') alert.status = 'acknowledged';
    if (effect === 'resolved') alert.status = 'resolved';
    alert.events.push(record);
    alerts.set(id, alert);
    events.push(record);
    return record;
  };

  const decide = async (req: FakeRequest): Promise<FakeReply | null> => {
    if (server.unavailable()) return { status: 503, body: { status: 'unavailable', message: 'Service Unavailable' } };
    const fault = faults.take(req.path, 1);
    if (fault?.kind === 'timeout') return null;
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'rate_limit') return { ...tooMany(), headers: { 'retry-after': String(fault.retryAfterSeconds) } };
    if (fault?.kind === 'server_error' || fault?.kind === 'fail_page') return { status: fault.kind === 'server_error' ? (fault.status ?? 500) : 500, body: { status: 'error', message: 'Internal Server Error' } };
    if (req.path !== '/v2/enqueue') return { status: 404, body: { status: 'not found', message: 'Not Found' } };
    if (req.method !== 'POST') return { status: 405, body: { status: 'method not allowed', message: 'Method Not Allowed' } };
    const errors = eventErrors(req.body);
    if (errors.length) return invalid(errors);
    const body = req.body as Record<string, unknown>;
    if (throttled(body.routing_key as string)) return tooMany();
    const record = apply(body);
    return { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: record.dedupKey } };
  };

  const handle = async (req: FakeRequest): Promise<FakeReply> => {
    const reply = await decide(req);
    if (!reply) return new Promise<FakeReply>(() => {}); // a timeout: never answer; stop() drops the socket
    requests.push({ at: now(), method: req.method, path: req.path, status: reply.status, body: req.body, reply: reply.body });
    return reply;
  };

  // Faults are applied in `decide`, so the shared server gets a plan that stays empty.
  const server = await switchableServer((at: number) => startFakeServer({ port: at, faults: new FaultPlan(), pageOf: () => 1 }, handle, (s) => ({ status: s, body: { status: 'error' } }), tooMany), options.port ?? 0);
  const port = server.port;

  const forKey = (dedupKey: string) => [...alerts.values()].filter((a) => a.dedupKey === dedupKey);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    faults,
    events,
    requests,
    alert: (dedupKey, routingKey) => forKey(dedupKey).find((a) => routingKey === undefined || a.routingKey === routingKey),
    eventsFor: (dedupKey) => events.filter((e) => e.dedupKey === dedupKey),
    pages: (dedupKey) => events.filter((e) => e.effect === 'opened' && (dedupKey === undefined || e.dedupKey === dedupKey)).length,
    down: server.down,
    up: server.up,
    stop: server.stop,
  };
}
