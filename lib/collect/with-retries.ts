import { ProviderError } from '@/lib/providers/provider';

// Retries a provider call on 429, 5xx and timeouts with exponential backoff and full
// jitter, honouring Retry-After. Anything else (bad key, bad request) fails at once.

export type RetryOptions = {
  attempts?: number;
  baseMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (error: ProviderError, attempt: number, delayMs: number) => void;
};

export async function withRetries<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { attempts = 5, baseMs = 500, maxDelayMs = 60_000, sleep = (ms) => new Promise((r) => setTimeout(r, ms)), random = Math.random } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ProviderError) || !error.retryable || attempt >= attempts) throw error;
      const backoff = random() * Math.min(maxDelayMs, baseMs * 2 ** (attempt - 1));
      const delay = Math.min(maxDelayMs, Math.max(error.retryAfterMs ?? 0, backoff));
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
