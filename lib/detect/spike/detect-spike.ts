import type { Finding, Severity } from '@/lib/detect/eval/finding';
import type { Detector } from '@/lib/detect/eval/replay';
import { createLocalClock, type LocalSlot } from './local-clock';
import {
  METRIC_COST,
  METRIC_REQUESTS,
  TIER_HOUR_OF_WEEK,
  TIER_HOUR_OF_DAY,
  TIER_NAMES,
  TIER_NONE,
  baselineRates,
  createBaseline,
  expectation,
  learn,
  overallLevel,
  type BaselineRates,
} from './seasonal-baseline';
import { DEFAULT_SPIKE_SETTINGS, type SpikeSettings } from './spike-settings';

// Spike detector core (kind 'spike'): per key, cost and requests of each bucket against a
// seasonal, robust baseline of the key's own past. A bucket is flagged when one metric is
// both far out in robust standard deviations (z-like score) and a clear multiple of what
// the key does at that local hour, and the cost excess is worth a page. Flagged buckets
// are not learnt once their slot is warm. Pure: time and zone come with the bucket,
// settings with the factory.

export function createSpikeDetector(overrides: Partial<SpikeSettings> = {}): Detector {
  const settings: SpikeSettings = { ...DEFAULT_SPIKE_SETTINGS, ...overrides };
  const baselines = new Map<string, Float64Array>();
  const clocks = new Map<string, (epochMs: number) => LocalSlot>();
  const rates = new Map<number, BaselineRates>();
  const cost = new Float64Array(2);
  const reqs = new Float64Array(2);
  return {
    name: 'robust-spike',
    observe(bucket) {
      let clock = clocks.get(bucket.timezone);
      if (!clock) clocks.set(bucket.timezone, (clock = createLocalClock(bucket.timezone)));
      let r = rates.get(bucket.bucketSeconds);
      if (!r) rates.set(bucket.bucketSeconds, (r = baselineRates(settings, bucket.bucketSeconds)));
      const local = clock(bucket.start);
      const { hourOfWeek: how, hourOfDay: hod } = local;
      const minExcessUsd = (settings.minExcessUsdPerHour * bucket.bucketSeconds) / 3600;
      const findings: Finding[] = [];
      for (const k of bucket.keys) {
        let state = baselines.get(k.key);
        if (!state) baselines.set(k.key, (state = createBaseline()));
        // Requests are counts: Poisson noise of sqrt(expected), at least one request. Cost
        // inherits it through the key's average cost per request.
        const reqTier = expectation(state, METRIC_REQUESTS, how, hod, r, 1, reqs);
        const reqFloor = Math.sqrt(Math.max(reqTier === TIER_NONE ? 1 : reqs[0]!, 1));
        const allReqs = overallLevel(state, METRIC_REQUESTS);
        const costPerRequest = allReqs > 0 ? overallLevel(state, METRIC_COST) / allReqs : 0;
        const costFloor = costPerRequest * reqFloor;
        const costTier = expectation(state, METRIC_COST, how, hod, r, costFloor, cost);
        let flagged = false;
        if (costTier !== TIER_NONE) {
          const excessUsd = k.costUsd - cost[0]!;
          const costScore = excessUsd / cost[1]!;
          const reqScore = reqTier === TIER_NONE ? 0 : (k.requests - reqs[0]!) / reqs[1]!;
          const costHit = passes(k.costUsd, cost, costTier, settings);
          const reqHit = reqTier !== TIER_NONE && passes(k.requests, reqs, reqTier, settings);
          if ((costHit || reqHit) && excessUsd >= minExcessUsd && excessUsd > 0) {
            const score = Math.max(costHit ? costScore : 0, reqHit ? reqScore : 0);
            findings.push(toFinding(k.key, k.costUsd, cost[0]!, k.requests, reqs[0]!, score, costHit ? 'cost' : 'requests', TIER_NAMES[costTier] ?? 'none', local, settings));
            flagged = true;
          }
        }
        const h = settings.huber;
        learn(state, METRIC_REQUESTS, how, hod, k.requests, r, reqFloor, flagged ? reqs[0]! + h * reqs[1]! : Infinity);
        learn(state, METRIC_COST, how, hod, k.costUsd, r, costFloor, flagged ? cost[0]! + h * cost[1]! : Infinity);
      }
      return findings;
    },
  };
}

/** `expected` holds [expected, sd]. Before seasonality is known a larger multiple is needed. */
function passes(observed: number, expected: Float64Array, tier: number, s: SpikeSettings): boolean {
  const e = expected[0]!;
  const multiple = tier === TIER_HOUR_OF_WEEK || tier === TIER_HOUR_OF_DAY ? s.minMultiple : s.warmupMultiple;
  return (observed - e) / expected[1]! >= s.zThreshold && observed >= multiple * e;
}

function toFinding(
  key: string,
  observedUsd: number,
  expectedUsd: number,
  requests: number,
  expectedRequests: number,
  score: number,
  metric: 'cost' | 'requests',
  baseline: string,
  local: LocalSlot,
  s: SpikeSettings,
): Finding {
  const multiple = expectedUsd > 0 ? observedUsd / expectedUsd : Infinity;
  const times = Number.isFinite(multiple) ? `${multiple.toFixed(1)}x` : 'from zero';
  return {
    key,
    kind: 'spike',
    severity: severityOf(score, multiple, s),
    summary: `cost $${observedUsd.toFixed(2)} at ${local.localTime} local vs expected $${expectedUsd.toFixed(2)} (${times}, score ${score.toFixed(1)})`,
    evidence: {
      observedUsd,
      expectedUsd,
      multiple,
      score,
      requests,
      expectedRequests,
      metric,
      baseline,
      localTime: local.localTime,
      hourOfWeek: local.hourOfWeek,
    },
  };
}

function severityOf(score: number, multiple: number, s: SpikeSettings): Severity {
  if (score >= 4 * s.zThreshold && multiple >= 10) return 'critical';
  return score >= 2 * s.zThreshold ? 'error' : 'warning';
}
