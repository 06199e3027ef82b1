import { describe, expect, it } from 'vitest';
import { describeNetworkError, failure, isRetryableStatus, retryAfterMs, scrub } from './channel';

describe('isRetryableStatus', () => {
  it.each([
    [400, false],
    [403, false],
    [404, false],
    [410, false],
    [408, true],
    [429, true],
    [500, true],
    [503, true],
  ])('%i -> %s', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
  });
});

describe('failure', () => {
  it('treats no status (no response) as retryable and leaves absent fields out', () => {
    expect(failure(undefined, 'x')).toEqual({ ok: false, retryable: true, error: 'x' });
    expect(failure(429, 'x', 5000)).toEqual({ ok: false, retryable: true, httpStatus: 429, retryAfterMs: 5000, error: 'x' });
    expect(failure(404, 'x')).toEqual({ ok: false, retryable: false, httpStatus: 404, error: 'x' });
  });
});

describe('retryAfterMs', () => {
  const NOW = Date.parse('2026-03-31T00:00:00Z');
  it.each<[Record<string, string>, number | undefined]>([
    [{}, undefined],
    [{ 'retry-after': '30' }, 30_000],
    [{ 'retry-after': '1.5' }, 1500],
    [{ 'retry-after-ms': '250', 'retry-after': '30' }, 250],
    [{ 'retry-after': 'Tue, 31 Mar 2026 00:00:10 GMT' }, 10_000],
    [{ 'retry-after': 'Mon, 30 Mar 2026 00:00:00 GMT' }, 0],
    [{ 'retry-after': 'soon' }, undefined],
  ])('%o -> %s', (headers, ms) => {
    expect(retryAfterMs(new Headers(headers), NOW)).toBe(ms);
  });
});

describe('scrub', () => {
  it('removes every secret, longest first, and ignores very short ones', () => {
    const url = 'https://hooks.slack.com/services/TFAKE/BFAKE/fakefakefake';
    expect(scrub(`failed ${url} and /services/TFAKE/BFAKE/fakefakefake`, [url, '/services/TFAKE/BFAKE/fakefakefake', 'fakefakefake', 'T'])).toBe('failed [redacted] and [redacted]');
  });
});

describe('describeNetworkError', () => {
  const withCause = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
  it.each<[unknown, string]>([
    [new DOMException('timed out', 'TimeoutError'), 'no answer within 100 ms'],
    [withCause('ECONNREFUSED'), 'connection refused'],
    [withCause('ENOTFOUND'), 'host not found'],
    [withCause('ECONNRESET'), 'connection reset'],
    [withCause('EPIPE'), 'network error EPIPE'],
    ['weird', 'network error: weird'],
  ])('%s', (error, text) => {
    expect(describeNetworkError(error, 100)).toBe(text);
  });
});
