import { describe, expect, it } from 'vitest';
import { runHours } from '@/lib/detect/eval/observation-fixture';
import { createSpikeDetector } from './detect-spike';
import { baselineRates, createBaseline } from './seasonal-baseline';
import { countScore, LEARN_AUTO, LEARN_EXCLUDE, LEARN_INCLUDE, SPIKE_OUT_LENGTH, scanSpikes, stepSpike } from './spike-core';
import { DEFAULT_SPIKE_SETTINGS } from './spike-settings';

// Hourly series of one key, TZ=UTC, starting on a Monday.

/** Deterministic noise in [-0.1, 0.1]. */
const noise = (i: number) => (((i * 7919) % 101) / 100 - 0.5) * 0.2;
/** Office hours 9-17 on weekdays: `busy` requests an hour, 2% of it otherwise. */
const office = (busy: number) => (i: number) => {
  const weekday = Math.floor(i / 24) % 7 < 5;
  const h = i % 24;
  return Math.round((weekday && h >= 9 && h < 17 ? busy : busy * 0.02) * (1 + noise(i)));
};
const HOURS = 4 * 7 * 24;
const AT = 23 * 24 + 11; // Wednesday 11:00 in week 4

function scan(requests: (i: number) => number, usdPerRequest: number, hours = HOURS) {
  const how = new Uint8Array(hours);
  const hod = new Uint8Array(hours);
  const req = new Float64Array(hours);
  const cost = new Float64Array(hours);
  for (let i = 0; i < hours; i++) {
    how[i] = i % 168;
    hod[i] = i % 24;
    req[i] = requests(i);
    cost[i] = req[i]! * usdPerRequest;
  }
  const out = new Float64Array(hours);
  scanSpikes(createBaseline(), how, hod, cost, req, undefined, baselineRates(DEFAULT_SPIKE_SETTINGS, 3600), DEFAULT_SPIKE_SETTINGS, out);
  return out;
}
const flagged = (scores: Float64Array) => [...scores.keys()].filter((i) => scores[i]! > 0);
const burst = (base: (i: number) => number, times: number) => (i: number) => (i === AT ? times * base(i) : base(i));

describe('countScore', () => {
  it.each([
    [0, 0, 0],
    [7, 1, 3.06],
    [150, 100, 4.49],
  ])('x=%d e=%d', (x, e, z) => {
    expect(countScore(x, e)).toBeCloseTo(z, 1);
  });
});

describe('scanSpikes', () => {
  it.each([
    ['a quiet office key', office(100), 0.01, []],
    ['a 4x burst', burst(office(100), 4), 0.01, [AT]],
    // $0.0002 a request: the excess is cents, but 300 extra requests an hour is a stranger.
    ['a 4x burst on a key spending cents', burst(office(100), 4), 0.0002, [AT]],
    ['a 4x burst of a few requests worth cents', burst(office(3), 4), 0.0002, []],
    ['a 1.5x rise', burst(office(100), 1.5), 0.01, []],
  ])('%s', (_, requests, usdPerRequest, expected) => {
    expect(flagged(scan(requests, usdPerRequest))).toEqual(expected);
  });

  it('decides as the bucket-major detector does', () => {
    const requests = burst(office(100), 4);
    const viaDetector = runHours(createSpikeDetector(), HOURS, (i) => [{ requests: requests(i), costUsd: requests(i) * 0.01 }]);
    const scores = scan(requests, 0.01);
    expect(viaDetector.map((x) => x.i)).toEqual(flagged(scores));
    expect((viaDetector[0]!.f.evidence as { score: number }).score).toBeCloseTo(scores[AT]!, 9);
  });

  it('does not count leading silence as warm-up', () => {
    // A key first used in week 3: a 10x burst on its first morning is not scored.
    const first = 14 * 24 + 9;
    const requests = (i: number) => (i < first ? 0 : i === first + 2 ? 1000 : 100);
    expect(flagged(scan(requests, 0.01, 15 * 24))).toEqual([]);
  });
});

describe('feedback on what is learnt', () => {
  const rates = baselineRates(DEFAULT_SPIKE_SETTINGS, 3600);
  /** A warm baseline of the office key up to AT, then one bucket of `requests` learnt in `mode`. */
  function after(requests: number, mode: number) {
    const state = createBaseline();
    const out = new Float64Array(SPIKE_OUT_LENGTH);
    const base = office(100);
    for (let i = 0; i < AT; i++) stepSpike(state, i % 168, i % 24, base(i) * 0.01, base(i), 0, rates, DEFAULT_SPIKE_SETTINGS, out);
    const before = Float64Array.from(state);
    const score = stepSpike(state, AT % 168, AT % 24, requests * 0.01, requests, 0, rates, DEFAULT_SPIKE_SETTINGS, out, mode);
    return { before, state, score };
  }

  it('a bucket marked as a leak or planned is judged but never learnt', () => {
    const { before, state, score } = after(1000, LEARN_EXCLUDE);
    expect(score).toBeGreaterThan(0);
    expect(state).toEqual(before);
  });

  it('a bucket marked expected is learnt in full, where a flagged one is held back', () => {
    const auto = after(1000, LEARN_AUTO);
    const expected = after(1000, LEARN_INCLUDE);
    const moved = (r: ReturnType<typeof after>) => r.state.reduce((sum, v, i) => sum + Math.abs(v - r.before[i]!), 0);
    expect(auto.score).toBeGreaterThan(0);
    expect(moved(expected)).toBeGreaterThan(moved(auto));
  });
});
