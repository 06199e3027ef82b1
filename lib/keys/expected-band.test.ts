import { describe, expect, it } from 'vitest';
import { referenceBand, referenceBandPerStep, referenceTraffic, type ReferenceHour } from '@/test/expected-band-reference';
import { BAND_SDS, bandOf, bandPerStep, expectedBand, type Band, type HourColumns } from './expected-band';

// The band replays hourly cost through the spike core. Runs in UTC; the tests with other
// zones (America/New_York, and the comparison's list) say so.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-01-05T00:00:00Z'); // a Monday

/** `days` of hours whose cost follows `costAt(local hour of day)`. */
function hours(days: number, costAt: (hourOfDay: number) => number, offsetHours = 0): ReferenceHour[] {
  return Array.from({ length: days * 24 }, (_, i) => {
    const cost = costAt((i + offsetHours + 24) % 24);
    return { t: START + i * HOUR, costUsd: cost, requests: cost * 100, tokens: cost * 10_000 };
  });
}

const columns = (list: readonly ReferenceHour[], fromMs = list[0]?.t ?? START): HourColumns => ({
  fromMs,
  cost: Float64Array.from(list, (h) => h.costUsd),
  requests: Float64Array.from(list, (h) => h.requests),
  tokens: Float64Array.from(list, (h) => h.tokens),
});

/** expectedBand's columns as a band or null per hour. */
function bandsOf(list: readonly ReferenceHour[], timezone: string, fromMs?: number): (Band | null)[] {
  const b = expectedBand(columns(list, fromMs), timezone);
  return Array.from(b.expected, (e, i) => (Number.isNaN(e) ? null : bandOf(e, b.sd[i]!)));
}

describe('expectedBand', () => {
  it('has no band before the key is used, nor during its warm-up', () => {
    const silentThenBusy = [...hours(1, () => 0), ...hours(2, () => 1).map((h) => ({ ...h, t: h.t + DAY }))];
    const bands = bandsOf(silentThenBusy, 'UTC');
    expect(bands.slice(0, 24).every((b) => b === null)).toBe(true); // leading silence
    expect(bands[24]).toBeNull(); // first hour of use: nothing learnt yet
    expect(bands.at(-1)).not.toBeNull(); // after a day of use, the overall level
  });

  it('centres on a steady key and holds its ordinary hours', () => {
    const steady = hours(21, (h) => (h >= 9 && h < 18 ? 2 : 0.5));
    const bands = bandsOf(steady, 'UTC');
    const lastDay = steady.slice(-24).map((h, i) => ({ h, band: bands[bands.length - 24 + i]! }));
    for (const { h, band } of lastDay) {
      expect(band.expected).toBeCloseTo(h.costUsd, 1);
      expect(band.lower).toBeLessThanOrEqual(h.costUsd);
      expect(band.upper).toBeGreaterThanOrEqual(h.costUsd);
      expect(band.upper - band.expected).toBeCloseTo(BAND_SDS * band.sd, 9);
    }
  });

  it('reads hours of the week in the team’s zone (America/New_York)', () => {
    // Busy 09:00-17:00 New York time = 14:00-22:00 UTC in January.
    const busyInNewYork = hours(21, (h) => (h >= 14 && h < 22 ? 3 : 0.2));
    const ny = bandsOf(busyInNewYork, 'America/New_York');
    const utc = bandsOf(busyInNewYork, 'UTC');
    const at15Utc = busyInNewYork.length - 24 + 15;
    // The zone names the slots (09:00 local here); either way the learnt level is the key's.
    expect(ny[at15Utc]!.expected).toBeCloseTo(3, 1);
    expect(utc[at15Utc]!.expected).toBeCloseTo(3, 1);
    expect(ny[at15Utc - 12]!.expected).toBeCloseTo(0.2, 1);
  });

  it('never goes below zero', () => {
    const noisy = hours(21, (h) => (h % 2 === 0 ? 0.01 : 5));
    expect(bandsOf(noisy, 'UTC').every((b) => b === null || b.lower >= 0)).toBe(true);
  });

  it('has no band for a key without usage, and nothing for no hours', () => {
    expect(bandsOf(hours(30, () => 0), 'UTC').every((b) => b === null)).toBe(true);
    expect(expectedBand(columns([], START), 'UTC').expected).toHaveLength(0);
  });
});

describe('expectedBand and bandPerStep against the per-hour reference (c7f6652)', () => {
  // 118 days (a 90-day chart and its warm-up) that cross a DST change in the northern
  // zones (March) and the southern ones (April), in zones with odd offsets.
  const FROM = Date.parse('2026-01-20T00:00:00Z');
  it.each([
    ['UTC', 1, 0],
    ['America/New_York', 2, 0],
    ['Europe/Berlin', 3, 0],
    ['Australia/Lord_Howe', 4, 0],
    ['Asia/Kathmandu', 5, 0],
    ['America/New_York', 6, 60], // a key first used 60 days in: 58 days of band
    ['Europe/Berlin', 7, 117], // a fresh key: its first day of use
  ])('%s, seed %i, first use on day %i: the same numbers, hour by hour and per step', (zone, seed, firstUseDay) => {
    const traffic = referenceTraffic(FROM, 118, seed, firstUseDay);
    const reference = referenceBand(traffic, zone);
    const band = expectedBand(columns(traffic), zone);
    expect(Array.from(band.expected)).toEqual(reference.map((b) => b?.expected ?? Number.NaN));
    expect(Array.from(band.sd)).toEqual(reference.map((b) => b?.sd ?? Number.NaN));
    const starts = traffic.map((h) => h.t);
    for (const step of [HOUR, DAY]) expect(bandPerStep(band, step)).toEqual(referenceBandPerStep(starts, reference, step));
  });
});

describe('bandPerStep', () => {
  const band = (expected: number, sd: number): Band => ({ expected, sd, lower: Math.max(0, expected - 3 * sd), upper: expected + 3 * sd });
  const bandColumns = (bands: (Band | null)[]) => ({
    fromMs: START,
    expected: Float64Array.from(bands, (b) => b?.expected ?? Number.NaN),
    sd: Float64Array.from(bands, (b) => b?.sd ?? Number.NaN),
  });
  it.each([
    ['sums expected, adds spreads in quadrature', [band(1, 0.3), band(2, 0.4)], { expected: 3, sd: 0.5, lower: 1.5, upper: 4.5 }],
    ['a day with an hour lacking a band has none', [band(1, 0.3), null], null],
    ['clips the lower edge at zero', [band(0.1, 0.3), band(0.1, 0.4)], { expected: 0.2, sd: 0.5, lower: 0, upper: 1.7 }],
  ])('%s', (_, bands, expected) => {
    const result = bandPerStep(bandColumns(bands), DAY).get(START);
    if (expected === null) expect(result).toBeNull();
    else {
      expect(result!.expected).toBeCloseTo(expected.expected, 9);
      expect(result!.sd).toBeCloseTo(expected.sd, 9);
      expect(result!.lower).toBeCloseTo(expected.lower, 9);
      expect(result!.upper).toBeCloseTo(expected.upper, 9);
    }
  });

  it('keys steps by their start', () => {
    const result = bandPerStep(bandColumns([...Array.from({ length: 24 }, () => band(1, 0)), band(2, 0)]), DAY);
    expect([...result.keys()]).toEqual([START, START + DAY]);
  });
});
