import { describe, expect, it } from 'vitest';
import { ProviderError } from '@/lib/providers/provider';
import { withRetries } from './with-retries';

const failing = (errors: Error[]) => {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    call: async () => {
      const e = errors[calls++];
      if (e) throw e;
      return 'ok';
    },
  };
};

describe('withRetries', () => {
  it('retries retryable errors, honouring Retry-After', async () => {
    const delays: number[] = [];
    const f = failing([new ProviderError('openai', 'rate_limited', 'slow down', 429, 3_000), new ProviderError('openai', 'unavailable', 'boom', 500)]);
    const result = await withRetries(f.call, { sleep: async (ms) => void delays.push(ms), random: () => 0.5, baseMs: 100 });
    expect(result).toBe('ok');
    expect(f.calls).toBe(3);
    expect(delays).toEqual([3_000, 100]); // Retry-After wins over a shorter backoff; then 0.5 * 200
  });

  it.each([
    ['auth', new ProviderError('openai', 'auth', 'bad key', 401)],
    ['bad request', new ProviderError('openai', 'bad_request', 'nope', 400)],
    ['not a provider error', new TypeError('bug')],
  ])('fails at once on %s', async (_, error) => {
    const f = failing([error]);
    await expect(withRetries(f.call, { sleep: async () => undefined })).rejects.toBe(error);
    expect(f.calls).toBe(1);
  });

  it('gives up after the last attempt', async () => {
    const e = new ProviderError('anthropic', 'unavailable', 'down', 503);
    const f = failing([e, e, e]);
    await expect(withRetries(f.call, { attempts: 3, sleep: async () => undefined })).rejects.toBe(e);
    expect(f.calls).toBe(3);
  });
});
