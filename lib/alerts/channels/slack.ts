import { IncomingWebhook, IncomingWebhookHTTPError, IncomingWebhookRequestError } from '@slack/webhook';
import type { FetchFunction } from '@slack/webhook';
import type { AlertMessage } from '@/lib/alerts/message';
import { DEFAULT_TIMEOUT_MS, describeNetworkError, failure, retryAfterMs, scrub } from './channel';
import type { AlertChannelSender, SendOptions, SendResult } from './channel';
import { slackDigestMessage, slackMessageFor, type SlackPayload } from './slack-blocks';

// Slack incoming webhooks via the official `@slack/webhook` client. Its quirks, handled here:
// it throws on any non-2xx (IncomingWebhookHTTPError carries status and body but no headers,
// so Retry-After is read by a fetch wrapper); network errors wrap the fetch error, whose
// message can quote the URL; the URL is the credential, so every string we return is scrubbed
// of it and of its path parts. Its own retries are off: the delivery worker owns retrying.

const SLACK_ERROR = /^[a-z_]{2,64}$/; // Slack answers errors as one plain-text word

// The URL, its path, and each path segment long enough to be the secret part.
function secretsOf(url: string, parsed: URL | null): string[] {
  const parts = [url];
  if (parsed) {
    parts.push(parsed.href, parsed.pathname, ...parsed.pathname.split('/').filter((s) => s.length >= 8));
  }
  return parts;
}

function parseWebhookUrl(target: string): URL | null {
  try {
    const url = new URL(target);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

export function sendSlack(message: AlertMessage, webhookUrl: string, options: SendOptions = {}): Promise<SendResult> {
  return postSlack(slackMessageFor(message), webhookUrl, options);
}

/** A digest route's waiting notices as one message. */
export function sendSlackDigest(messages: readonly AlertMessage[], webhookUrl: string, options: SendOptions = {}): Promise<SendResult> {
  return postSlack(slackDigestMessage(messages), webhookUrl, options);
}

async function postSlack(payload: SlackPayload, webhookUrl: string, options: SendOptions): Promise<SendResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const parsed = parseWebhookUrl(webhookUrl);
  const secrets = secretsOf(webhookUrl, parsed);
  if (!parsed) return failure(400, 'the Slack webhook URL is not an http(s) URL; paste the whole URL Slack shows for the webhook');

  let last: { status: number; headers: Headers } | undefined;
  const recordingFetch: FetchFunction = async (url, init) => {
    const res = await fetch(url, init);
    last = { status: res.status, headers: res.headers };
    return res;
  };
  const webhook = new IncomingWebhook(webhookUrl, { timeout: timeoutMs, fetch: recordingFetch, retryConfig: { retries: 0 } });

  try {
    await webhook.send(payload);
    return { ok: true, httpStatus: last?.status ?? 200 };
  } catch (error) {
    if (error instanceof IncomingWebhookHTTPError) {
      const body = String(error.body ?? '').trim();
      const code = SLACK_ERROR.test(body) ? body : `HTTP ${error.statusCode}`;
      const wait = error.statusCode === 429 ? retryAfterMs(last?.headers, options.nowMs ?? Date.now()) : undefined;
      return failure(error.statusCode, scrub(`slack answered ${error.statusCode} ${code}${hint(code)}`, secrets), wait);
    }
    const cause = error instanceof IncomingWebhookRequestError ? error.original : error;
    return failure(undefined, scrub(`slack not reached: ${describeNetworkError(cause, timeoutMs)}`, secrets));
  }
}

// What a person should do about the permanent ones.
function hint(code: string): string {
  if (code === 'no_service' || code === 'no_active_hooks' || code === 'invalid_token') return ': the webhook was revoked or is wrong; create a new one and update the route';
  if (code === 'channel_is_archived' || code === 'channel_not_found') return ": the webhook's channel is gone; create a webhook for another channel";
  if (code === 'action_prohibited' || code === 'posting_to_general_channel_denied') return ': a workspace admin blocks this webhook from posting';
  if (code === 'invalid_payload' || code === 'no_text' || code === 'invalid_blocks') return ': Slack rejected the message (a Burnrate bug; please report it)';
  return '';
}

export const slackSender: AlertChannelSender = { channel: 'slack', send: sendSlack, sendDigest: sendSlackDigest };
