import type { DetectorState } from '@/lib/detect/detector-state';
import type { WorkingHours } from '@/lib/detect/kinds/working-hours';
import type { Finding, TimedFinding } from './finding';
import { groupIncidents, type Incident } from './group-incidents';
import type { Scenario, Usage } from './load-scenario';

// Replays a scenario through a detector the way the product runs it: one bucket at a time,
// in time order, each call seeing only that bucket. A detector that needs history keeps
// its own state, so it cannot look ahead.

export interface KeyObservation extends Usage {
  key: string;
  /** The key's environment: production, staging, ... (any name in the product). */
  environment: string;
  monthlyBudgetUsd: number | null;
  /** model -> usage in this bucket; empty when the key was silent. */
  models: ReadonlyMap<string, Usage>;
  /** caller country -> usage in this bucket; empty when the key was silent. */
  regions: ReadonlyMap<string, Usage>;
  /**
   * What people said about this bucket (incident feedback): `exclude` = a leak or a planned
   * one-off, never learn it as normal; `include` = expected, learn it even if it looked odd.
   * Absent: the detector decides.
   */
  baseline?: 'exclude' | 'include';
  /** Working hours configured for the key's environment, in its zone; absent: none set. */
  workingHours?: WorkingHours;
}

export interface BucketObservation {
  /** Bucket start, epoch ms (UTC). */
  start: number;
  /** Bucket number since the scenario start. */
  index: number;
  bucketSeconds: number;
  /** IANA zone of the team, for local-time reasoning (off-hours, calendar months). */
  timezone: string;
  /** Every key, in the same order every bucket; silent keys carry zeros. */
  keys: readonly KeyObservation[];
}

export interface Detector {
  readonly name: string;
  /** Called once per bucket in time order; returns the findings for this bucket. */
  observe(bucket: BucketObservation): Finding[];
  /**
   * Judges a bucket that is still filling (the current minute of ingested usage) without
   * learning it; the same bucket comes to `observe` once complete. Optional: detectors
   * whose findings need the whole bucket leave it out.
   */
  peek?(bucket: BucketObservation): Finding[];
  /** Everything learnt so far, as plain data (see detector-state.ts); serialise it before the next bucket. */
  snapshot?(): DetectorState;
  /** Takes back a structured clone of `snapshot` from a detector made with the same settings. */
  restore?(state: DetectorState): void;
}

export interface ReplayResult {
  findings: TimedFinding[];
  incidents: Incident[];
}

const NONE: ReadonlyMap<string, Usage> = new Map();

export function replay(scenario: Scenario, detector: Detector, options: { quietSeconds?: number } = {}): ReplayResult {
  const { meta } = scenario;
  const bucketMs = meta.bucketSeconds * 1000;
  const keys = meta.keys.map((k) => ({ meta: k, series: scenario.series.get(k.id)! }));
  const findings: TimedFinding[] = [];
  for (let b = 0; b < scenario.bucketCount; b++) {
    const start = meta.start + b * bucketMs;
    const observation: BucketObservation = {
      start,
      index: b,
      bucketSeconds: meta.bucketSeconds,
      timezone: meta.timezone,
      keys: keys.map(({ meta: k, series: s }) => ({
        key: k.id,
        environment: k.environment,
        monthlyBudgetUsd: k.monthlyBudgetUsd ?? null,
        requests: s.requests[b]!,
        inputTokens: s.inputTokens[b]!,
        outputTokens: s.outputTokens[b]!,
        costUsd: s.costUsd[b]!,
        models: s.models.get(b) ?? NONE,
        regions: s.regions.get(b) ?? NONE,
      })),
    };
    for (const f of detector.observe(observation)) findings.push({ ...f, at: start });
  }
  return { findings, incidents: groupIncidents(findings, { bucketSeconds: meta.bucketSeconds, quietSeconds: options.quietSeconds }) };
}
