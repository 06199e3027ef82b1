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
});
