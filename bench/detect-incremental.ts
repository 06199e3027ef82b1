import { performance } from 'node:perf_hooks';
import { progressBar } from '@/cli/progress-bar';
import type { Usage } from '@/lib/detect/eval/load-scenario';
import type { BucketObservation, Detector, KeyObservation } from '@/lib/detect/eval/replay';
import { createBurnrateDetector } from '@/lib/detect/kinds/detect-burnrate';
import type { RssMeter } from './detect-memory';
import { createPrng } from './prng';
import { createCalendar, createColumns, fillKey } from './detect-traffic';
import { median, percentile } from './stats';

// The incremental pass: the product's composite detector (spike plus the kind detectors),
// fed whole BucketObservations for every key, one bucket per call, as the per-minute job
// does. It is warmed with `warmDays` of hourly buckets, so baselines are ready, then each of
// `samples` further calls is timed alone. Observations are built between calls, untimed (the
// job reads them from Postgres). The per-key work of a call does not depend on the bucket
// length, so hourly buckets stand in for minutes and keep the warm-up short.

const MODELS = ['gpt-4o-mini', 'gpt-4o', 'claude-sonnet-4', 'claude-haiku-4', 'gemini-2.5-flash'] as const;
const REGIONS = ['DE', 'US', 'FR', 'GB', 'NL', 'IN'] as const;
const NONE: ReadonlyMap<string, Usage> = new Map();

export interface IncrementalResult {
  keys: number;
  warmHours: number;
  warmSeconds: number;
  samples: number;
  medianMs: number;
  p95Ms: number;
  /** Median CPU time of a call (user + system). */
  medianCpuMs: number;
  minMs: number;
  maxMs: number;
  findingsWarm: number;
  findingsTimed: number;
  /** The warmed detector, for the saved-state measurement (detect-state.ts). */
  detector: Detector;
}

interface KeyParts {
  id: string;
  models: Map<string, Usage>;
  modelShares: number[];
  regions: Map<string, Usage>;
  regionShares: number[];
}

export function runIncremental(seed: number, keys: number, warmDays: number, samples: number, start: number, timezone: string, meter: RssMeter): IncrementalResult {
  const warmHours = warmDays * 24;
  const hours = warmHours + samples;
  const cal = createCalendar(start, hours, timezone);
  const cols = createColumns(hours);
  // Key-major: key k's hour h at k * hours + h.
  const requests = new Float64Array(keys * hours);
  const cost = new Float64Array(keys * hours);
  const tokens = new Float64Array(keys * hours);
  const parts: KeyParts[] = [];
  for (let k = 0; k < keys; k++) {
    fillKey(seed, k, cal, cols);
    requests.set(cols.requests, k * hours);
    cost.set(cols.cost, k * hours);
    tokens.set(cols.tokens, k * hours);
    parts.push(keyParts(seed, k));
  }
  const build = (h: number): BucketObservation => ({
    start: start + h * 3_600_000,
    index: h,
    bucketSeconds: 3600,
    timezone,
    keys: parts.map((p, k): KeyObservation => {
      const u = { requests: requests[k * hours + h]!, inputTokens: Math.round(tokens[k * hours + h]! * 0.8), outputTokens: 0, costUsd: cost[k * hours + h]! };
      u.outputTokens = tokens[k * hours + h]! - u.inputTokens;
      const used = u.requests > 0 || u.costUsd > 0;
      if (used) {
        split(p.models, p.modelShares, u);
        split(p.regions, p.regionShares, u);
      }
      return { key: p.id, environment: 'production', monthlyBudgetUsd: null, ...u, models: used ? p.models : NONE, regions: used ? p.regions : NONE };
    }),
  });
  const detector = createBurnrateDetector();
  const bar = progressBar('incremental warm-up');
  const t0 = performance.now();
  let findingsWarm = 0;
  for (let h = 0; h < warmHours; h++) {
    findingsWarm += detector.observe(build(h)).length;
    if (h % 12 === 11 || h === warmHours - 1) {
      meter.sample();
      bar.update(h + 1, warmHours, `${keys.toLocaleString('en-US')} keys per bucket`);
    }
  }
  const warmSeconds = (performance.now() - t0) / 1000;
  bar.done(`incremental: warmed ${keys.toLocaleString('en-US')} keys with ${warmHours} hourly buckets in ${warmSeconds.toFixed(1)} s`);
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let findingsTimed = 0;
  for (let h = warmHours; h < hours; h++) {
    const bucket = build(h);
    const cpu = process.cpuUsage();
    const t = performance.now();
    findingsTimed += detector.observe(bucket).length;
    ms.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
  meter.sample();
  return { keys, warmHours, warmSeconds, samples, medianMs: median(ms), p95Ms: percentile(ms, 95), medianCpuMs: median(cpuMs), minMs: Math.min(...ms), maxMs: Math.max(...ms), findingsWarm, findingsTimed, detector };
}

/** A key's models and regions, with fixed shares of its usage; the maps are refilled per bucket. */
function keyParts(seed: number, k: number): KeyParts {
  const p = createPrng((seed ^ 0x5bd1e995) + k);
  const models = pickSome(MODELS, p.int(1, 3), p.next);
  const regions = pickSome(REGIONS, p.int(1, 2), p.next);
  const usage = (): Usage => ({ requests: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });
  return {
    id: `key-${String(k).padStart(5, '0')}`,
    models: new Map(models.map((m) => [m, usage()])),
    modelShares: shares(models.length, p.next),
    regions: new Map(regions.map((r) => [r, usage()])),
    regionShares: shares(regions.length, p.next),
  };
}

function pickSome<T>(items: readonly T[], n: number, next: () => number): T[] {
  const pool = [...items];
  return Array.from({ length: n }, () => pool.splice(Math.floor(next() * pool.length), 1)[0]!);
}

function shares(n: number, next: () => number): number[] {
  const w = Array.from({ length: n }, () => 0.2 + next());
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / sum);
}

function split(into: Map<string, Usage>, s: number[], total: Usage): void {
  let i = 0;
  for (const u of into.values()) {
    const share = s[i++]!;
    u.requests = total.requests * share;
    u.inputTokens = total.inputTokens * share;
    u.outputTokens = total.outputTokens * share;
    u.costUsd = total.costUsd * share;
  }
}
