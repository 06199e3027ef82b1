import { median, medianAbsoluteDeviation } from 'simple-statistics';
import type { Calendar, KeyColumns } from './detect-traffic';

// The straightforward detector the issue measures the spike core against. For every bucket
// and each metric (requests, cost, tokens) it recomputes its windows from the key's history
// with simple-statistics: the expectation is the median of the same local hour of week over
// the previous four weeks (the median of the last 168 buckets until two weeks exist), the
// scale the median absolute deviation of the last 168 buckets. A bucket is flagged at the
// core's z threshold and minimum multiple. Nothing is incremental: that is the point.

const WEEK = 168;
const WEEKS = 4;
const WARMUP = 24;
/** Median absolute deviation to standard deviation, for a normal distribution. */
const MAD_TO_SD = 1.4826;

export interface NaiveSettings {
  zThreshold: number;
  minMultiple: number;
}

/** Scores one key's buckets into `out` (0 when not flagged); returns the flagged count. */
export function scanNaive(cal: Calendar, cols: KeyColumns, s: NaiveSettings, out: Float64Array): number {
  const metrics = [cols.requests, cols.cost, cols.tokens];
  const history: number[][] = metrics.map(() => []);
  const bySlot: number[][][] = metrics.map(() => Array.from({ length: WEEK }, () => []));
  let active = false;
  let flagged = 0;
  for (let i = 0; i < cols.cost.length; i++) {
    out[i] = 0;
    // Leading silence is not history, as in the core.
    if (!active && cols.requests[i]! <= 0 && cols.cost[i]! <= 0) continue;
    active = true;
    const how = cal.hourOfWeek[i]!;
    for (let m = 0; m < metrics.length; m++) {
      const x = metrics[m]![i]!;
      const past = history[m]!;
      const slot = bySlot[m]![how]!;
      if (past.length >= WARMUP) {
        const window = past.slice(-WEEK);
        const sameHour = slot.slice(-WEEKS);
        const expected = sameHour.length >= 2 ? median(sameHour) : median(window);
        // Requests are counts: never judge them tighter than Poisson noise.
        const floor = m === 0 ? Math.sqrt(Math.max(expected, 1)) : 0;
        const sd = Math.max(MAD_TO_SD * medianAbsoluteDeviation(window), 0.1 * expected, floor, Number.MIN_VALUE);
        const z = (x - expected) / sd;
        if (z >= s.zThreshold && x >= s.minMultiple * expected && z > out[i]!) out[i] = z;
      }
      past.push(x);
      slot.push(x);
    }
    if (out[i]! > 0) flagged++;
  }
  return flagged;
}
