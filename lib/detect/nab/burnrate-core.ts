import type { StreamingScorer } from './detector-core';

// Burnrate's spike detector core on arbitrary metrics: a row is anomalous when something
// about it has never been seen before in this series. Four features are tracked per row:
//   0  the value itself (a spike or a dip),
//   1  the mean of the last MEAN_ROWS values (a level shift too small for one row to show),
//   2  the log of the mean absolute step over the last STEP_ROWS rows (noise growing),
//   3  the mean over MEAN_ROWS rows of the value minus the value one day earlier (a broken
//      daily pattern: a missing or lower peak, a flat day).
// Each feature's novelty is how far it lies outside the range [lo, hi] of every earlier
// value of that feature, as a fraction of that range; the row's surprise is the largest
// weighted novelty. A range is scale-free, so one threshold serves CPU percentages and
// bytes alike, and it is robust to a series' usual noise because the noise is inside it.
// Once a feature has set a record, the same value is no longer new, which quiets a level
// shift after its first rows. After an alarm the surprise is halved for REST_ROWS rows, so
// one incident is not reported again and again. Pure and causal; O(1) per row.

/**
 * Values of a feature learnt before it scores: NAB's probation is 15% of a file, at least
 * ~170 rows. The day-over-day feature starts a day later than the others, so it counts its own.
 */
const WARMUP_ROWS = 150;
const MEAN_ROWS = 20;
const STEP_ROWS = 12;
/** Rows kept: covers one day of history down to one-minute steps (1440 rows). */
const RING = 2048;
const DAY_MS = 86_400_000;
/** How far from exactly one day earlier a row may be to serve as "yesterday". */
const DAY_SLACK_MS = 3_600_000;
/** A day-over-day residual is noisier than the value (two noises), so it counts for less. */
const WEIGHTS = [1, 1, 1, 0.3] as const;
const FEATURES = WEIGHTS.length;
/** Surprise of an alarm: a feature 5% of its range beyond its record. It maps to 0.5. */
const ALARM = 0.05;
const REST_ROWS = 100;
const REST_FACTOR = 0.5;
const MAX_SURPRISE = 1e6;

export function burnrateCore(): StreamingScorer {
  const values = new Float64Array(RING);
  const steps = new Float64Array(RING);
  const times = new Float64Array(RING);
  const residuals = new Float64Array(RING);
  const hi = new Float64Array(FEATURES).fill(-Infinity);
  const lo = new Float64Array(FEATURES).fill(Infinity);
  const feature = new Float64Array(FEATURES);
  const seen = new Float64Array(FEATURES); // values of each feature learnt so far
  let rows = 0;
  let valueSum = 0;
  let stepSum = 0;
  let residualSum = 0;
  let residualRun = 0; // consecutive rows that had a row one day earlier
  let yesterday = 0; // row index of the latest row at least one day before the current one
  let sinceAlarm = Infinity;

  return {
    score(value, timestampMs) {
      const at = rows % RING;
      const step = rows > 0 ? Math.abs(value - values[(rows - 1) % RING]!) : 0;
      const residual = dayOverDay(value, timestampMs);
      residualRun = Number.isNaN(residual) ? 0 : residualRun + 1;
      if (rows >= MEAN_ROWS) {
        valueSum -= values[(rows - MEAN_ROWS) % RING]!;
        residualSum -= residuals[(rows - MEAN_ROWS) % RING]!;
      }
      if (rows >= STEP_ROWS) stepSum -= steps[(rows - STEP_ROWS) % RING]!;
      values[at] = value;
      steps[at] = step;
      times[at] = timestampMs;
      residuals[at] = Number.isNaN(residual) ? 0 : residual;
      valueSum += value;
      stepSum += step;
      residualSum += residuals[at]!;
      rows++;

      const valueRange = Math.max(hi[0]! - lo[0]!, 0);
      feature[0] = value;
      feature[1] = rows >= MEAN_ROWS ? valueSum / MEAN_ROWS : Number.NaN;
      // The floor keeps a series that never moves at a finite log; a first move is then new.
      feature[2] = rows > STEP_ROWS ? Math.log(Math.max(stepSum, 0) / STEP_ROWS + 1e-3 * valueRange + 1e-12) : Number.NaN;
      feature[3] = residualRun >= MEAN_ROWS ? residualSum / MEAN_ROWS : Number.NaN;

      let surprise = 0;
      for (let k = 0; k < FEATURES; k++) {
        const f = feature[k]!;
        if (Number.isNaN(f)) continue;
        if (seen[k]! >= WARMUP_ROWS) {
          // A range of exactly zero (a flat history) makes any change maximally new.
          const range = Math.max(hi[k]! - lo[k]!, 1e-9 * Math.max(Math.abs(hi[k]!), Math.abs(lo[k]!)), 1e-12);
          // Noise growing is news; noise shrinking is usually a quiet night.
          const above = (f - hi[k]!) / range;
          const below = k === 2 ? 0 : (lo[k]! - f) / range;
          surprise = Math.max(surprise, WEIGHTS[k]! * Math.max(above, below));
        }
        if (f > hi[k]!) hi[k] = f;
        if (f < lo[k]!) lo[k] = f;
        seen[k] = seen[k]! + 1;
      }
      surprise = Math.min(surprise, MAX_SURPRISE);

      sinceAlarm++;
      if (sinceAlarm <= REST_ROWS) surprise *= REST_FACTOR;
      else if (surprise >= ALARM) sinceAlarm = 0;
      return surprise / (surprise + ALARM);
    },
  };

  /** The value minus the value one day earlier, NaN without a row close enough to a day ago. */
  function dayOverDay(value: number, timestampMs: number): number {
    if (rows === 0) return Number.NaN;
    const target = timestampMs - DAY_MS;
    const oldest = Math.max(0, rows - RING + 1); // rows[rows % RING] is about to be overwritten
    if (yesterday < oldest) yesterday = oldest;
    while (yesterday + 1 < rows && times[(yesterday + 1) % RING]! <= target) yesterday++;
    const then = times[yesterday % RING]!;
    return then <= target && target - then < DAY_SLACK_MS ? value - values[yesterday % RING]! : Number.NaN;
  }
}
