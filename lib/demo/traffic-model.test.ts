// Time-zone aware: hours are given in UTC and the comments say which local time they are.
import { describe, expect, it } from 'vitest';
import { DEMO_KEYS, DEMO_SEED } from './demo-keys';
import { demoUsageByMinute, demoUsageForHour, demoUsageForRange, expectedRequests, streamFor } from './traffic-model';
import type { DemoKey } from './demo-keys';
import type { DemoUsageRow } from './traffic-model';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WED = Date.UTC(2026, 10, 18); // Wednesday 2026-11-18, Berlin UTC+1, New York UTC-5
const SAT = Date.UTC(2026, 10, 21);

const key = (id: string): DemoKey => {
  const k = DEMO_KEYS.find((x) => x.providerKeyId === id);
  if (!k) throw new Error(`no demo key ${id}`);
  return k;
};
const sum = (rows: readonly DemoUsageRow[], f: (r: DemoUsageRow) => number) => rows.reduce((s, r) => s + f(r), 0);
const hourCost = (k: DemoKey, ms: number) => sum(demoUsageForHour(k, ms, DEMO_SEED), (r) => r.costUsd);
const dayCost = (keys: readonly DemoKey[], dayMs: number) =>
  sum(demoUsageForRange(keys, dayMs, dayMs + DAY, DEMO_SEED), (r) => r.costUsd);

describe('streamFor', () => {
  it('depends only on its inputs', () => {
    const a = streamFor(1, 'k', WED);
    const draws = [a(), a(), a()];
    streamFor(2, 'k', WED)();
    const b = streamFor(1, 'k', WED);
    expect([b(), b(), b()]).toEqual(draws);
    expect(streamFor(1, 'k', WED + HOUR)()).not.toBe(draws[0]);
    expect(streamFor(1, 'k2', WED)()).not.toBe(draws[0]);
  });
});

describe('expectedRequests', () => {
  it.each([
    { id: 'apikey_demo_code_review', utc: '2026-11-18T10:00:00Z', factor: 1, why: '11:00 Berlin, CET' },
    { id: 'apikey_demo_code_review', utc: '2026-03-30T09:00:00Z', factor: 1, why: '11:00 Berlin, after DST' },
    { id: 'apikey_demo_code_review', utc: '2026-11-18T02:00:00Z', factor: 0.03, why: '03:00 Berlin' },
    { id: 'apikey_demo_code_review', utc: '2026-11-21T10:00:00Z', factor: 0.15, why: 'Saturday 11:00 Berlin' },
    { id: 'apikey_demo_search_answers', utc: '2026-11-18T16:00:00Z', factor: 1, why: '11:00 New York' },
    { id: 'key_demo_nightly_enrichment', utc: '2026-11-18T02:00:00Z', factor: 1, why: '02:00 UTC batch' },
  ])('$why -> $factor x base', ({ id, utc, factor }) => {
    const k = key(id);
    expect(expectedRequests(k.traffic, Date.parse(utc))).toBeCloseTo(k.traffic.baseRequestsPerHour * factor, 6);
  });
});

describe('demoUsageForHour', () => {
  it.each(DEMO_KEYS.map((k) => [k.name, k] as const))('%s: is deterministic and call-order independent', (_n, k) => {
    const first = demoUsageForHour(k, WED + 10 * HOUR, DEMO_SEED);
    demoUsageForRange(DEMO_KEYS, WED, WED + DAY, DEMO_SEED + 1);
    expect(demoUsageForHour(k, WED + 10 * HOUR, DEMO_SEED)).toEqual(first);
    expect(demoUsageForHour(k, WED + 10 * HOUR, DEMO_SEED + 1)).not.toEqual(first);
  });

  it('returns nothing before the key was created and omits empty rows', () => {
    const k = key('key_demo_support_chat');
    expect(demoUsageForHour(k, Date.parse(k.providerCreatedAt) - 2 * HOUR, DEMO_SEED)).toEqual([]);
    const rows = demoUsageForRange(DEMO_KEYS, WED, WED + 7 * DAY, DEMO_SEED);
    expect(rows.every((r) => r.requests > 0 && r.inputTokens + r.cachedInputTokens > 0)).toBe(true);
  });

  it.each([
    { id: 'apikey_demo_code_review', busyUtc: 10, quietUtc: 2 }, // Berlin 11:00 vs 03:00
    { id: 'apikey_demo_search_answers', busyUtc: 16, quietUtc: 8 }, // New York 11:00 vs 03:00
    { id: 'key_demo_nightly_enrichment', busyUtc: 2, quietUtc: 10 }, // batch 02:00 vs 10:00 UTC
  ])('$id spends far more at $busyUtc:00 UTC than at $quietUtc:00 UTC on a weekday', ({ id, busyUtc, quietUtc }) => {
    const k = key(id);
    expect(hourCost(k, WED + busyUtc * HOUR)).toBeGreaterThan(10 * hourCost(k, WED + quietUtc * HOUR));
  });

  it.each(DEMO_KEYS.filter((k) => k.traffic.shape === 'office').map((k) => [k.name, k] as const))(
    '%s: spends less on Saturday than on Wednesday',
    (_n, k) => {
      expect(dayCost([k], SAT)).toBeLessThan(0.5 * dayCost([k], WED));
    },
  );
});

describe('demoUsageForRange', () => {
  const prod = DEMO_KEYS.filter((k) => k.environment === 'production');
  const staging = DEMO_KEYS.filter((k) => k.environment === 'staging');

  it('covers only full hours in [from, to)', () => {
    const rows = demoUsageForRange(DEMO_KEYS, WED + HOUR / 2, WED + 3 * HOUR + HOUR / 2, DEMO_SEED);
    expect(new Set(rows.map((r) => r.bucketStartMs))).toEqual(new Set([WED + HOUR, WED + 2 * HOUR]));
  });

  it('staging spends far less than production', () => {
    expect(dayCost(staging, WED)).toBeLessThan(0.05 * dayCost(prod, WED));
  });

  it('production spends tens to a few hundred dollars every day of six weeks', () => {
    for (let d = WED - 42 * DAY; d < WED; d += DAY) {
      const usd = dayCost(prod, d);
      expect(usd).toBeGreaterThan(20);
      expect(usd).toBeLessThan(400);
    }
  });

  it('generates hourly rows for every key over six weeks', () => {
    const rows = demoUsageForRange(DEMO_KEYS, WED - 42 * DAY, WED, DEMO_SEED);
    expect(rows.length).toBeGreaterThan(7 * 42 * 24);
    expect(new Set(rows.map((r) => r.providerKeyId)).size).toBe(DEMO_KEYS.length);
  });
});

describe('demoUsageByMinute', () => {
  it('adds up to the full hour exactly, for every key', () => {
    const hour = Date.parse('2026-03-04T10:00:00Z');
    for (const key of DEMO_KEYS) {
      const minutes = demoUsageByMinute(key, hour, DEMO_SEED);
      expect(minutes).toHaveLength(60);
      const full = demoUsageForHour(key, hour, DEMO_SEED);
      for (const field of ['requests', 'inputTokens', 'cachedInputTokens', 'outputTokens'] as const) {
        const byMinute = minutes.flat().reduce((s, r) => s + r[field], 0);
        expect(byMinute, `${key.name} ${field}`).toBe(full.reduce((s, r) => s + r[field], 0));
      }
      expect(minutes.flat().every((r) => r.requests > 0 && r.inputTokens >= 0 && r.outputTokens >= 0)).toBe(true);
    }
  });

  it('spreads a busy hour over most of its minutes', () => {
    const busy = DEMO_KEYS.find((k) => k.traffic.shape === 'flat')!;
    const minutes = demoUsageByMinute(busy, Date.parse('2026-03-04T10:00:00Z'), DEMO_SEED);
    expect(minutes.filter((m) => m.length > 0).length).toBeGreaterThan(50);
  });
});
