import type { AlertChannel } from '@/generated/prisma/enums';
import type { AlertMessage } from '@/lib/alerts/message';

// What every alert channel implements: deliver one AlertMessage to one target and say
// whether a failure is worth retrying. Senders never throw for an HTTP or network failure;
// the delivery worker records the result as a DeliveryAttempt and schedules the retry.

export type { AlertChannel };

export const DEFAULT_TIMEOUT_MS = 10_000;

export type SendOptions = {
  timeoutMs?: number; // per request; default DEFAULT_TIMEOUT_MS
  baseUrl?: string; // PagerDuty events API base (the fake in tests); Slack's target is already a full URL
  nowMs?: number; // for Retry-After given as an HTTP date
};

export type SendResult =
  | { ok: true; httpStatus: number; channelRef?: string } // channelRef: e.g. the PagerDuty dedup_key
  | {
      ok: false;
      retryable: boolean; // 429, 5xx, timeouts and connection errors; other 4xx are permanent
      httpStatus?: number; // absent when no response came back
      retryAfterMs?: number; // from Retry-After; the worker waits at least this long
      error: string; // safe to store and show: never contains the target
    };

export interface AlertChannelSender {
  readonly channel: AlertChannel;
  // `target` is the secret: the Slack webhook URL or the PagerDuty routing key.
  send(message: AlertMessage, target: string, options?: SendOptions): Promise<SendResult>;
  /** Several notices as one message (digest routes); channels without it get them one by one. */
  sendDigest?(messages: readonly AlertMessage[], target: string, options?: SendOptions): Promise<SendResult>;
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export function failure(status: number | undefined, error: string, retryAfterMs?: number): SendResult {
  const retryable = status === undefined || isRetryableStatus(status);
  return { ok: false, retryable, ...(status === undefined ? {} : { httpStatus: status }), ...(retryAfterMs === undefined ? {} : { retryAfterMs }), error };
}

// Removes every given secret from text bound for logs, errors and the database. Callers pass
// the parts too (a webhook URL's path and last segment), longest first wins.
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].filter((x) => x.length >= 6).sort((a, b) => b.length - a.length)) out = out.split(s).join('[redacted]');
  return out;
}

export { retryAfterMs } from '@/lib/net/retry-after';

// A network failure in words, without the URL: undici puts the cause (ECONNREFUSED,
// ENOTFOUND, ...) in `cause`, and a timeout surfaces as an AbortSignal.timeout() TimeoutError.
export function describeNetworkError(error: unknown, timeoutMs: number): string {
  const e = error instanceof Error ? error : new Error(String(error));
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = e.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (code) return `network error ${code}`;
  return `network error: ${e.message}`;
}
