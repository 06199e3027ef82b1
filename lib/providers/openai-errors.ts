import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { ProviderError } from './provider';
import { kindOfStatus, retryAfterMs, scrub } from './http-errors';

// Maps what the openai SDK throws to ProviderError. The message is OpenAI's own (from the
// error envelope), with the admin key cut out should it ever be echoed back: OpenAI echoes
// a wrong key in part ("sk-admin****0000"), and we never want the whole one in an error.


function envelopeMessage(error: APIError): string {
  const inner = (error.error as { message?: unknown } | undefined)?.message;
  if (typeof inner === 'string' && inner) return inner;
  return error.message || `OpenAI answered HTTP ${error.status}`;
}

export function toProviderError(error: unknown, secret: string, nowMs = Date.now()): unknown {
  if (error instanceof ProviderError) return error;
  if (error instanceof APIConnectionTimeoutError) return new ProviderError('openai', 'unavailable', 'OpenAI did not answer in time (request timed out)');
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new ProviderError('openai', 'unavailable', scrub(`Could not reach OpenAI${cause}`, secret));
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const kind = kindOfStatus(error.status);
    const retryAfter = kind === 'rate_limited' || kind === 'unavailable' ? retryAfterMs(error.headers, nowMs) : undefined;
    return new ProviderError('openai', kind, scrub(envelopeMessage(error), secret), error.status, retryAfter);
  }
  // Not from the SDK (a bug of ours): let it through, but never with the key in it.
  if (error instanceof Error && secret && `${error.message}${error.stack}`.includes(secret)) return new Error(scrub(error.message, secret));
  return error;
}

export { retryAfterMs, scrub };
