import { TOKEN_SIZE_PERCENTILES, TOKEN_SIZES } from './token-sizes';
import type { Workload } from './token-sizes';

export type TokenSample = { context: number; generated: number };

const PROBABILITIES = TOKEN_SIZE_PERCENTILES.map((p) => p / 100);

// Inverse CDF of a quantile table: u in [0, 1] -> value, linear between quantile points.
export function inverseQuantile(points: readonly number[], u: number): number {
  const p = Math.min(1, Math.max(0, u));
  let lo = 0;
  let hi = PROBABILITIES.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((PROBABILITIES[mid] ?? 0) <= p) lo = mid;
    else hi = mid;
  }
  const p0 = PROBABILITIES[lo] ?? 0;
  const p1 = PROBABILITIES[hi] ?? 1;
  const v0 = points[lo] ?? 0;
  const v1 = points[hi] ?? v0;
  return p1 > p0 ? v0 + ((p - p0) / (p1 - p0)) * (v1 - v0) : v0;
}

// Context and generated sizes are drawn independently (u1, u2): the table keeps only the
// marginals, which is all the cost of a bucket depends on once summed over requests.
export function sampleTokens(workload: Workload, u1: number, u2: number): TokenSample {
  const table = TOKEN_SIZES[workload];
  return {
    context: Math.round(inverseQuantile(table.context, u1)),
    generated: Math.round(inverseQuantile(table.generated, u2)),
  };
}
