// When to try a failed delivery again. Pure: the attempt number, the server's Retry-After
// and a random number in [0, 1) in; milliseconds out. Exponential from 5 s, capped at five
// minutes, with "full jitter" over the upper half so a recovering channel is not hit by
// every worker at once; a Retry-After is a floor, never shortened by jitter.

export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 5 * 60_000;
/** After this long of failing, a delivery is given up (the UI shows it failed). */
export const GIVE_UP_AFTER_MS = 48 * 3_600_000;
/** A claimed delivery whose worker died is tried again after this long. */
export const CLAIM_LEASE_MS = 2 * 60_000;

export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, random: number): number {
  const exponential = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + (exponential / 2) * random;
  return Math.max(Math.round(jittered), retryAfterMs ?? 0);
}

/** Minimum spacing between two messages to one route: Slack allows about one per second per webhook. */
export const ROUTE_SPACING_MS: Record<'slack' | 'pagerduty', number> = { slack: 1_100, pagerduty: 0 };

/** Digest routes get their notices in one message a day, at this hour (UTC). */
export const DIGEST_HOUR_UTC = 9;

/** The next digest time strictly after `nowMs`. */
export function nextDigestAt(nowMs: number, hourUtc = DIGEST_HOUR_UTC): number {
  const d = new Date(nowMs);
  const today = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hourUtc);
  return today > nowMs ? today : today + 86_400_000;
}
