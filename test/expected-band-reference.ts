import { baselineRates, createBaseline, TIER_NONE } from '@/lib/detect/spike/seasonal-baseline';
import { OUT_EXPECTED_USD, OUT_SD_USD, OUT_TIER, SPIKE_OUT_LENGTH, stepSpike } from '@/lib/detect/spike/spike-core';
import { DEFAULT_SPIKE_SETTINGS } from '@/lib/detect/spike/spike-settings';
import { BAND_SDS, type Band } from '@/lib/keys/expected-band';

// For tests: the key chart's band as lib/keys/expected-band.ts computed it before it took
// columns (commit c7f6652): an object per hour, the local hour asked of Intl for every hour,
// then summed per step. The faster code must give exactly these numbers.

export type ReferenceHour = { t: number; costUsd: number; requests: number; tokens: number };

const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

export function referenceBand(hours: readonly ReferenceHour[], timezone: string): (Band | null)[] {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hourCycle: 'h23', weekday: 'short', hour: '2-digit' });
  const state = createBaseline();
  const rates = baselineRates(DEFAULT_SPIKE_SETTINGS, 3600);
  const out = new Float64Array(SPIKE_OUT_LENGTH);
  return hours.map((h) => {
    const p = Object.fromEntries(format.formatToParts(h.t).map((x) => [x.type, x.value]));
    const hourOfDay = Number(p.hour);
    stepSpike(state, WEEKDAYS[p.weekday!]! * 24 + hourOfDay, hourOfDay, h.costUsd, h.requests, h.tokens, rates, DEFAULT_SPIKE_SETTINGS, out);
    if (out[OUT_TIER] === TIER_NONE) return null;
    const expected = out[OUT_EXPECTED_USD]!;
    const sd = out[OUT_SD_USD]!;
    return { expected, sd, lower: Math.max(0, expected - BAND_SDS * sd), upper: expected + BAND_SDS * sd };
  });
}

export function referenceBandPerStep(hourStarts: readonly number[], bands: readonly (Band | null)[], stepMs: number): Map<number, Band | null> {
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

/**
 * `days` of hours from `fromMs` of a key with a daily and weekly shape, silent before
 * `firstUseDay`, with silent hours and planted bursts (cost, and tokens alone), from a seed.
 */
export function referenceTraffic(fromMs: number, days: number, seed: number, firstUseDay = 0): ReferenceHour[] {
  let x = seed >>> 0 || 1;
  const next = () => ((x = (Math.imul(x, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
  return Array.from({ length: days * 24 }, (_, i) => {
    const t = fromMs + i * 3_600_000;
    if (i < firstUseDay * 24 || next() < 0.05) return { t, costUsd: 0, requests: 0, tokens: 0 };
    const d = new Date(t);
    const shape = (d.getUTCHours() >= 8 && d.getUTCHours() < 18 ? 1.5 : 0.3) * (d.getUTCDay() % 6 === 0 ? 0.4 : 1);
    const burst = next() < 0.01 ? 20 : 1;
    const requests = Math.round(100 * shape * burst * (0.6 + 0.8 * next()));
    const costUsd = Math.round(requests * 0.002 * (0.8 + 0.4 * next()) * 1e8) / 1e8;
    const tokens = requests * 900 * (next() < 0.01 ? 30 : 1);
    return { t, costUsd, requests, tokens };
  });
}
