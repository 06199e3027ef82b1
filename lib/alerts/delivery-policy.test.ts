import { describe, expect, it } from 'vitest';
import { MAX_RETRY_MS, nextDigestAt, retryDelayMs } from './delivery-policy';

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

describe('nextDigestAt', () => {
  it.each([
    ['2026-11-23T08:59:59.999Z', '2026-11-23T09:00:00.000Z'],
    ['2026-11-23T09:00:00.000Z', '2026-11-24T09:00:00.000Z'],
    ['2026-11-30T23:00:00.000Z', '2026-12-01T09:00:00.000Z'],
    ['2026-12-31T10:00:00.000Z', '2027-01-01T09:00:00.000Z'],
  ])('after %s comes %s', (now, next) => {
    expect(new Date(nextDigestAt(Date.parse(now))).toISOString()).toBe(next);
  });
});
