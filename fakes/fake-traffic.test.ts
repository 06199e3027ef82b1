import { describe, expect, it } from 'vitest';
import { DEMO_KEYS, DEMO_SEED } from '@/lib/demo/demo-keys';
import { FakeTraffic, type FakeUsageRow } from './fake-traffic';

const NOW = Date.parse('2026-03-04T12:34:20Z');
const keys = DEMO_KEYS.filter((k) => k.provider === 'openai');
const total = (rows: FakeUsageRow[]) =>
  rows.reduce((s, r) => ({ requests: s.requests + r.requests, input: s.input + r.inputTokens, output: s.output + r.outputTokens }), { requests: 0, input: 0, output: 0 });

describe('FakeTraffic', () => {
  const traffic = new FakeTraffic({ keys, seed: DEMO_SEED, now: () => NOW });
  const start = Date.parse('2026-03-04T09:00:00Z');

  it.each([
    ['1m', 60_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
  ])('%s buckets add up to the truth, and stop at the last complete minute', (_, width) => {
    const buckets = traffic.buckets(start, NOW + 3_600_000, width);
    expect(total(buckets.flatMap((b) => b.rows))).toEqual(total(traffic.truth(start, NOW)));
    expect(buckets.flatMap((b) => b.rows).every((r) => r.bucketStartMs < Date.parse('2026-03-04T12:34:00Z'))).toBe(true);
  });

  it('starts the first bucket at an unaligned start and aligns the rest', () => {
    const buckets = traffic.buckets(Date.parse('2026-03-04T09:20:00Z'), Date.parse('2026-03-04T12:00:00Z'), 3_600_000);
    expect(buckets.map((b) => new Date(b.startMs).toISOString().slice(11, 16))).toEqual(['09:20', '10:00', '11:00']);
  });

  it('reports recent minutes provisionally, then settles', () => {
    let now = NOW;
    const revising = new FakeTraffic({ keys, seed: DEMO_SEED, now: () => now, revisionWindowMs: 5 * 60_000, provisionalShare: 0.5 });
    const window: [number, number] = [Date.parse('2026-03-04T12:00:00Z'), Date.parse('2026-03-04T12:34:00Z')];
    const early = total(revising.buckets(...window, 60_000).flatMap((b) => b.rows));
    const truth = total(revising.truth(...window));
    expect(early.requests).toBeLessThan(truth.requests);
    now += 10 * 60_000;
    expect(total(revising.buckets(...window, 60_000).flatMap((b) => b.rows))).toEqual(truth);
  });

  it('filters by key', () => {
    const one = keys[0]!.providerKeyId;
    const rows = traffic.buckets(start, NOW, 3_600_000, new Set([one])).flatMap((b) => b.rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.providerKeyId === one)).toBe(true);
  });

  it('serves no usage for a key the provider stopped, from the minute it stopped until it resumed', () => {
    const id = keys.find((k) => traffic.buckets(start, NOW, 60_000, new Set([k.providerKeyId])).flatMap((b) => b.rows).length > 100)!.providerKeyId;
    const only = new Set([id]);
    const stopping = new FakeTraffic({ keys, seed: DEMO_SEED, now: () => NOW });
    const minutes = (t: FakeTraffic) => new Set(t.buckets(start, NOW, 60_000, only).flatMap((b) => b.rows.map((r) => r.bucketStartMs)));
    const before = minutes(stopping);
    stopping.stop(id, Date.parse('2026-03-04T10:15:30Z'));
    stopping.resume(id, Date.parse('2026-03-04T11:40:10Z'));
    const after = minutes(stopping);
    const stoppedFrom = Date.parse('2026-03-04T10:15:00Z');
    const servedAgain = Date.parse('2026-03-04T11:41:00Z');
    expect([...before].some((t) => t >= stoppedFrom && t < servedAgain)).toBe(true);
    expect([...after].filter((t) => t >= stoppedFrom && t < servedAgain)).toEqual([]);
    expect([...after].sort()).toEqual([...before].filter((t) => t < stoppedFrom || t >= servedAgain).sort());
    // Hour buckets and the truth agree with the minutes (no whole-hour shortcut across a stop).
    const hourly = total(stopping.buckets(start, NOW, 3_600_000, only).flatMap((b) => b.rows));
    expect(hourly).toEqual(total(stopping.buckets(start, NOW, 60_000, only).flatMap((b) => b.rows)));
    expect(total(stopping.truth(start, NOW).filter((r) => r.providerKeyId === id))).toEqual(hourly);
    // Other keys are untouched.
    const others = (t: FakeTraffic) => total(t.truth(start, NOW).filter((r) => r.providerKeyId !== id));
    expect(others(stopping)).toEqual(others(traffic));
  });
});
