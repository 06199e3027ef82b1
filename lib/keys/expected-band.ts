import { hoursOfWeek } from '@/lib/detect/spike/local-clock';
import { baselineRates, createBaseline, TIER_NONE } from '@/lib/detect/spike/seasonal-baseline';
import { OUT_EXPECTED_USD, OUT_SD_USD, OUT_TIER, SPIKE_OUT_LENGTH, stepSpike } from '@/lib/detect/spike/spike-core';
import { DEFAULT_SPIKE_SETTINGS, type SpikeSettings } from '@/lib/detect/spike/spike-settings';

// The band a chart draws around usage: what the spike detector expected each hour, and
// expected ± 3 sd. Pure: the hours, the zone and the settings are arguments. Hourly
// replay is a sketch of the detector (which judges minutes): same core, same seasonality,
// not the same decisions, so the band shows "usual" and never claims an incident.
// Hours come and go as columns (typed arrays): a 90-day chart replays 2,832 hours per
// request, and an object per hour was most of the request's garbage.

const HOUR_MS = 3_600_000;
export const BAND_SDS = 3;

/** Consecutive hours from `fromMs` (an hour start), oldest first, silent ones as zeros. */
export type HourColumns = { fromMs: number; cost: Float64Array; requests: Float64Array; tokens: Float64Array };
/** Per hour of the HourColumns: the expected cost and its sd, NaN while there is no expectation. */
export type BandColumns = { fromMs: number; expected: Float64Array; sd: Float64Array };
export type Band = { expected: number; lower: number; upper: number; sd: number };

/**
 * The band of each hour, NaN while the key has no expectation yet (warm-up, or silence
 * before its first use). Each hour is judged before it is learnt, so an hour never moves
 * its own band.
 */
export function expectedBand(hours: HourColumns, timezone: string, settings: SpikeSettings = DEFAULT_SPIKE_SETTINGS): BandColumns {
  const { cost, requests, tokens } = hours;
  const n = cost.length;
  const slots = hoursOfWeek(timezone, hours.fromMs, n);
  const state = createBaseline();
  const rates = baselineRates(settings, HOUR_MS / 1000);
  const out = new Float64Array(SPIKE_OUT_LENGTH);
  const expected = new Float64Array(n);
  const sd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const hourOfWeek = slots[i]!;
    stepSpike(state, hourOfWeek, hourOfWeek % 24, cost[i]!, requests[i]!, tokens[i]!, rates, settings, out);
    const none = out[OUT_TIER] === TIER_NONE;
    expected[i] = none ? Number.NaN : out[OUT_EXPECTED_USD]!;
    sd[i] = none ? Number.NaN : out[OUT_SD_USD]!;
  }
  return { fromMs: hours.fromMs, expected, sd };
}

/**
 * Hourly bands summed per step (a UTC day): expected adds up; the spread adds in
 * quadrature, as for a sum of independent hours (adding the sds would make a day's band
 * ~5 times too wide). A step with an hour lacking an expectation has no band.
 */
export function bandPerStep(bands: BandColumns, stepMs: number): Map<number, Band | null> {
  const sums = new Map<number, { expected: number; variance: number; complete: boolean }>();
  for (let i = 0; i < bands.expected.length; i++) {
    const step = Math.floor((bands.fromMs + i * HOUR_MS) / stepMs) * stepMs;
    let sum = sums.get(step);
    if (!sum) sums.set(step, (sum = { expected: 0, variance: 0, complete: true }));
    const expected = bands.expected[i]!;
    const sd = bands.sd[i]!;
    if (Number.isNaN(expected)) sum.complete = false;
    else {
      sum.expected += expected;
      sum.variance += sd * sd;
    }
  }
  const result = new Map<number, Band | null>();
  for (const [step, s] of sums) result.set(step, s.complete ? bandOf(s.expected, Math.sqrt(s.variance)) : null);
  return result;
}

export function bandOf(expected: number, sd: number): Band {
  return { expected, sd, lower: Math.max(0, expected - BAND_SDS * sd), upper: expected + BAND_SDS * sd };
}
