import { createLocalClock } from '@/lib/detect/spike/local-clock';
import { baselineRates, createBaseline, TIER_NONE } from '@/lib/detect/spike/seasonal-baseline';
import { OUT_EXPECTED_USD, OUT_SD_USD, OUT_TIER, SPIKE_OUT_LENGTH, stepSpike } from '@/lib/detect/spike/spike-core';
import { DEFAULT_SPIKE_SETTINGS, type SpikeSettings } from '@/lib/detect/spike/spike-settings';

// The band a chart draws around usage: what the spike detector expected each hour, and
// expected ± 3 sd. Pure: the hours, the zone and the settings are arguments. Hourly
// replay is a sketch of the detector (which judges minutes): same core, same seasonality,
// not the same decisions, so the band shows "usual" and never claims an incident.

const HOUR_MS = 3_600_000;
export const BAND_SDS = 3;

export type HourUsage = { t: number; costUsd: number; requests: number; tokens: number };
export type Band = { expected: number; lower: number; upper: number; sd: number };

/**
 * One band per hour of `hours` (consecutive hours, oldest first, silent ones as zeros),
 * null while the key has no expectation yet (warm-up, or silence before its first use).
 * Each hour is judged before it is learnt, so an hour never moves its own band.
 */
export function expectedBand(hours: readonly HourUsage[], timezone: string, settings: SpikeSettings = DEFAULT_SPIKE_SETTINGS): (Band | null)[] {
  const state = createBaseline();
  const rates = baselineRates(settings, HOUR_MS / 1000);
  const out = new Float64Array(SPIKE_OUT_LENGTH);
  const local = createLocalClock(timezone);
  return hours.map((h) => {
    const slot = local(h.t);
    stepSpike(state, slot.hourOfWeek, slot.hourOfDay, h.costUsd, h.requests, h.tokens, rates, settings, out);
    if (out[OUT_TIER] === TIER_NONE) return null;
    const expected = out[OUT_EXPECTED_USD]!;
    const sd = out[OUT_SD_USD]!;
    return { expected, sd, lower: Math.max(0, expected - BAND_SDS * sd), upper: expected + BAND_SDS * sd };
  });
}

/**
 * Hourly bands summed per step (a UTC day): expected adds up; the spread adds in
 * quadrature, as for a sum of independent hours (adding the sds would make a day's band
 * ~5 times too wide). A step with an hour lacking an expectation has no band.
 */
export function bandPerStep(hourStarts: readonly number[], bands: readonly (Band | null)[], stepMs: number): Map<number, Band | null> {
  const sums = new Map<number, { expected: number; variance: number; complete: boolean }>();
  hourStarts.forEach((t, i) => {
    const step = Math.floor(t / stepMs) * stepMs;
    const sum = sums.get(step) ?? { expected: 0, variance: 0, complete: true };
    const band = bands[i];
    if (band) {
      sum.expected += band.expected;
      sum.variance += band.sd * band.sd;
    } else sum.complete = false;
    sums.set(step, sum);
  });
  const result = new Map<number, Band | null>();
  for (const [step, s] of sums) {
    const sd = Math.sqrt(s.variance);
    result.set(step, s.complete ? { expected: s.expected, sd, lower: Math.max(0, s.expected - BAND_SDS * sd), upper: s.expected + BAND_SDS * sd } : null);
  }
  return result;
}
