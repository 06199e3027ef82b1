import { APIConnectionError, APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk';
import { ProviderError } from './provider';
import { kindOfStatus, retryAfterMs, scrub } from './http-errors';

// Maps what @anthropic-ai/sdk throws to ProviderError, with Anthropic's own message (the
// `error.message` of its envelope) and never the admin key, should anything echo it back.

// The analytics beta answers this error code when the organization has not turned it on. SDK
// 1.12.0 knows it as a 400 (BetaOrganizationNotEnrolledInBetaError); it is matched by code
// so a 403 with the same code (as some documentation describes it) is recognised too.
export const NOT_ENROLLED_CODE = 'organization_not_enrolled_in_beta';


export function toProviderError(error: unknown, secret: string, nowMs = Date.now()): unknown {
  if (error instanceof ProviderError) return error;
  if (error instanceof APIConnectionTimeoutError) return new ProviderError('anthropic', 'unavailable', 'Anthropic did not answer in time (request timed out)');
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new ProviderError('anthropic', 'unavailable', scrub(`Could not reach Anthropic${cause}`, secret));
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const kind = error.errorCode === NOT_ENROLLED_CODE ? 'not_enrolled' : kindOfStatus(error.status);
    const retryAfter = kind === 'rate_limited' || kind === 'unavailable' ? retryAfterMs(error.headers, nowMs) : undefined;
    const message = error.apiMessage || `Anthropic answered HTTP ${error.status}`;
    return new ProviderError('anthropic', kind, scrub(message, secret), error.status, retryAfter);
  }
  // Not from the SDK (a bug of ours): let it through, but never with the key in it.
  if (error instanceof Error && secret && `${error.message}${error.stack}`.includes(secret)) return new Error(scrub(error.message, secret));
  return error;
}

export { retryAfterMs, scrub };
