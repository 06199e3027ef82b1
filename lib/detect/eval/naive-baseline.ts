import type { Finding, Severity } from './finding';
import type { Detector } from './replay';

// The naive detector issue #4 measures against: per key, the z-score of each bucket's cost
// against all earlier buckets of that key (silent ones count as 0), flagged above 3. Mean
// and variance run in one pass (Welford). No seasonality, no robustness: past incidents
// inflate the variance, and a key silent so far has variance 0, so its first cent is an
// infinite z. It is the yardstick, and a check that the eval harness agrees with the issue.

export interface NaiveOptions {
  threshold?: number;
  /** Earlier buckets needed before scoring; with fewer the z-score is undefined. */
  minHistory?: number;
}

export function createNaiveBaseline({ threshold = 3, minHistory = 2 }: NaiveOptions = {}): Detector {
  const stats = new Map<string, { n: number; mean: number; m2: number }>();
  return {
    name: 'naive',
    observe(bucket) {
      const findings: Finding[] = [];
      for (const k of bucket.keys) {
        let s = stats.get(k.key);
        if (!s) stats.set(k.key, (s = { n: 0, mean: 0, m2: 0 }));
        const x = k.costUsd;
        if (s.n >= minHistory) {
          const sd = Math.sqrt(s.m2 / s.n);
          const z = (x - s.mean) / sd;
          if (z > threshold) {
            findings.push({
              key: k.key,
              kind: 'spike',
              severity: severityOf(z),
              summary: `cost $${x.toFixed(2)} in one bucket vs mean $${s.mean.toFixed(2)} (z ${Number.isFinite(z) ? z.toFixed(1) : '∞'})`,
              evidence: { observed: x, expected: s.mean, sd, z },
            });
          }
        }
        s.n++;
        const delta = x - s.mean;
        s.mean += delta / s.n;
        s.m2 += delta * (x - s.mean);
      }
      return findings;
    },
  };
}

function severityOf(z: number): Severity {
  return z >= 10 ? 'critical' : z >= 5 ? 'error' : 'warning';
}
