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

export { retryAfterMs } from '@/lib/net/retry-after';
