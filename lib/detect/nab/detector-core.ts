import { normalTail } from './normal-tail';

// The contract between a spike detector core and the NAB harness: one instance per series,
// fed every row in time order, answering at once with an anomaly score in [0, 1] that may
// depend only on the rows seen so far (causal). Pure: no clock, no I/O.

export interface StreamingScorer {
  /** Consumes one row and returns its anomaly score in [0, 1]. */
  score(value: number, timestampMs: number): number;
}

export type ScorerFactory = () => StreamingScorer;

/** Runs a fresh scorer over a series, row by row, checking each answer is in [0, 1]. */
export function scoreSeries(values: ArrayLike<number>, timestampMs: ArrayLike<number>, create: ScorerFactory, source = 'series'): Float64Array {
  const scorer = create();
  const scores = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const s = scorer.score(values[i]!, timestampMs[i]!);
    if (!(s >= 0 && s <= 1)) throw new Error(`${source}: the detector answered ${s} at row ${i + 1}; scores must be in [0, 1]`);
    scores[i] = s;
  }
  return scores;
}

export type WindowedGaussianOptions = { windowSize?: number; stepSize?: number };

/**
 * NAB's windowedGaussian baseline (nab/detectors/gaussian/windowedGaussian_detector.py):
 * the score is 1 - Q(|x - mean| / std) against the mean and population std of up to
 * `windowSize` earlier values. The window fills one value at a time, then slides in steps
 * of `stepSize` values, so the statistics are refreshed once per step. A zero std is
 * replaced by 1e-6, and the first row, with nothing before it, scores 0.
 */
export function windowedGaussian({ windowSize = 6400, stepSize = 100 }: WindowedGaussianOptions = {}): StreamingScorer {
  if (!Number.isInteger(windowSize) || !Number.isInteger(stepSize) || stepSize < 1 || stepSize > windowSize) {
    throw new Error(`windowedGaussian: need whole numbers 1 <= stepSize (${stepSize}) <= windowSize (${windowSize})`);
  }
  const ring = new Float64Array(windowSize);
  const pending = new Float64Array(stepSize);
  let start = 0; // index of the oldest value in `ring`
  let count = 0;
  let waiting = 0;
  let mean = 0;
  let std = 1;
  let m2 = 0; // Welford's running sum of squared deviations while the window fills

  const refresh = () => {
    let sum = 0;
    for (let j = 0; j < count; j++) sum += ring[j]!;
    mean = sum / count;
    let squares = 0;
    for (let j = 0; j < count; j++) squares += (ring[j]! - mean) ** 2;
    std = Math.sqrt(squares / count) || 1e-6;
  };

  return {
    score(value) {
      const score = count > 0 ? 1 - normalTail(Math.abs(value - mean) / std) : 0;
      if (count < windowSize) {
        ring[count++] = value;
        const delta = value - mean;
        mean = count === 1 ? value : mean + delta / count;
        m2 = count === 1 ? 0 : m2 + delta * (value - mean);
        std = Math.sqrt(m2 / count) || 1e-6;
      } else {
        pending[waiting++] = value;
        if (waiting === stepSize) {
          for (let j = 0; j < stepSize; j++) ring[(start + j) % windowSize] = pending[j]!;
          start = (start + stepSize) % windowSize;
          waiting = 0;
          refresh();
        }
      }
      return score;
    },
  };
}
