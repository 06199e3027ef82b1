import { z } from 'zod';
import type { Severity } from '@/generated/prisma/enums';
import type { AlertMessage } from '@/lib/alerts/message';
import { DEFAULT_TIMEOUT_MS, describeNetworkError, failure, retryAfterMs, scrub } from './channel';
import type { AlertChannelSender, SendOptions, SendResult } from './channel';

// PagerDuty Events API v2 (POST /v2/enqueue). The routing key is the credential and travels
// in the body; it is scrubbed from every string we return. Wire format:
// /work/shared/reference/provider-apis.md §5.

export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com';
const SUMMARY_MAX = 1024;

// Our severities are PagerDuty's, by name; spelled out so a new one fails to compile here.
const PD_SEVERITY: Record<Severity, 'critical' | 'error' | 'warning' | 'info'> = { critical: 'critical', error: 'error', warning: 'warning', info: 'info' };

export type PagerDutyEvent = {
  routing_key: string;
  event_action: 'trigger' | 'acknowledge' | 'resolve';
  dedup_key: string;
  payload?: {
    summary: string;
    source: string;
    severity: 'critical' | 'error' | 'warning' | 'info';
    timestamp: string;
    component?: string;
    group?: string;
    class: string;
    custom_details: Record<string, unknown>;
  };
  links?: { href: string; text: string }[];
  client?: string;
  client_url?: string;
};

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export function pagerDutySource(m: Pick<AlertMessage, 'environment' | 'keyName'>): string {
  return `burnrate/${m.environment ?? 'all-environments'}/${m.keyName ?? 'all-keys'}`;
}

// One event per action. A test is a trigger (at info) that `sendPagerDuty` resolves at once.
export function pagerDutyEvent(m: AlertMessage, routingKey: string, action: PagerDutyEvent['event_action'] = m.action === 'test' ? 'trigger' : m.action): PagerDutyEvent {
  const base = { routing_key: routingKey, event_action: action, dedup_key: m.dedupKey };
  if (action !== 'trigger') return base; // ack and resolve need only the key and the dedup_key
  const links = [{ href: m.links.incident, text: m.action === 'test' ? 'Burnrate' : 'Incident in Burnrate' }];
  if (m.links.key) links.push({ href: m.links.key, text: `Key ${m.keyName ?? ''}`.trim() });
  return {
    ...base,
    payload: {
      summary: clip(m.action === 'test' ? `[TEST] ${m.summary}` : `${m.title}: ${m.summary}`, SUMMARY_MAX),
      source: pagerDutySource(m),
      severity: PD_SEVERITY[m.severity],
      timestamp: m.openedAt,
      ...(m.keyName ? { component: m.keyName } : {}),
      ...(m.environment ? { group: m.environment } : {}),
      class: m.kind,
      custom_details: m.evidence,
    },
    links,
    client: 'Burnrate',
    client_url: m.links.incident,
  };
}

const acceptedSchema = z.object({ status: z.string(), dedup_key: z.string().optional() });
const rejectedSchema = z.object({ message: z.string().optional(), errors: z.array(z.string()).optional() });

async function post(event: PagerDutyEvent, options: SendOptions): Promise<SendResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const secrets = [event.routing_key];
  const url = `${(options.baseUrl ?? PAGERDUTY_EVENTS_URL).replace(/\/+$/, '')}/v2/enqueue`;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event), redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    text = await res.text();
  } catch (error) {
    return failure(undefined, scrub(`pagerduty not reached: ${describeNetworkError(error, timeoutMs)}`, secrets));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (res.ok) {
    const accepted = acceptedSchema.safeParse(json);
    return { ok: true, httpStatus: res.status, channelRef: accepted.success ? (accepted.data.dedup_key ?? event.dedup_key) : event.dedup_key };
  }
  const rejected = rejectedSchema.safeParse(json);
  const detail = rejected.success ? [rejected.data.message, ...(rejected.data.errors ?? [])].filter(Boolean).join('; ') : '';
  const wait = res.status === 429 ? retryAfterMs(res.headers, options.nowMs ?? Date.now()) : undefined;
  const advice = res.status === 429 ? ' (rate limited)' : res.status === 400 ? ' (rejected; check the routing key is an Events API v2 integration key)' : '';
  return failure(res.status, scrub(clip(`pagerduty answered ${res.status}${advice}${detail ? `: ${detail}` : ''}`, 1000), secrets), wait);
}

export async function sendPagerDuty(message: AlertMessage, routingKey: string, options: SendOptions = {}): Promise<SendResult> {
  const result = await post(pagerDutyEvent(message, routingKey), options);
  if (message.action !== 'test' || !result.ok) return result;
  // A test must not leave an open alert behind on someone's service.
  const resolved = await post(pagerDutyEvent(message, routingKey, 'resolve'), options);
  return resolved.ok ? result : { ...resolved, error: `the test alert was sent but not resolved: ${resolved.error}` };
}

export const pagerDutySender: AlertChannelSender = { channel: 'pagerduty', send: sendPagerDuty };
