import type { ProviderErrorKind } from './provider';

// What both SDK-based connectors share when turning an HTTP failure into a ProviderError.

export function scrub(text: string, secret: string): string {
  return secret ? text.split(secret).join('[redacted]') : text;
}

export function kindOfStatus(status: number): ProviderErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status === 408 || status === 409 || status >= 500) return 'unavailable'; // 529: Anthropic overloaded
  return 'bad_request';
}

// Retry-After in seconds or as an HTTP date; both SDKs also honour retry-after-ms.
export function retryAfterMs(headers: Headers | undefined, nowMs: number): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
