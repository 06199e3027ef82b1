import { describe, expect, it } from 'vitest';
import { MAX_RETRY_MS, retryDelayMs } from './delivery-policy';

describe('retryDelayMs', () => {
  it.each([
    [1, 0, 2_500],
    [1, 0.999, 4_998],
    [2, 0, 5_000],
    [3, 0.5, 15_000],
    [20, 0, MAX_RETRY_MS / 2],
    [20, 1, MAX_RETRY_MS],
  ])('attempt %i with random %f waits %i ms', (attempt, random, expected) => {
    expect(retryDelayMs(attempt, undefined, random)).toBe(expected);
  });

  it('never waits less than the server asked', () => {
    expect(retryDelayMs(1, 30_000, 0)).toBe(30_000);
    expect(retryDelayMs(10, 1_000, 0)).toBeGreaterThan(1_000);
  });
});
