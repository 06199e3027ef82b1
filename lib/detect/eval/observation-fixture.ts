import type { Usage } from '@/lib/detect/eval/load-scenario';
import type { BucketObservation, Detector } from '@/lib/detect/eval/replay';

// Builds buckets for the detectors' tests: per key, a list of (model, region, requests,
// cost) rows, empty when the key is silent. Hourly and one key ('k') unless told otherwise.

export const HOUR = 3_600_000;
export const MONDAY = Date.parse('2026-01-05T00:00:00Z');

export interface Row {
  model?: string;
  region?: string;
  requests: number;
  costUsd: number;
}

type Options = { timezone?: string; bucketSeconds?: number };

export function observation(start: number, index: number, rows: readonly Row[], options: Options = {}): BucketObservation {
  return observationOfKeys(start, index, { k: rows }, options);
}

export function observationOfKeys(start: number, index: number, byKey: Record<string, readonly Row[]>, { timezone = 'UTC', bucketSeconds = 3600 }: Options = {}): BucketObservation {
  const keys = Object.entries(byKey).map(([key, rows]) => {
    const models = new Map<string, Usage>();
    const regions = new Map<string, Usage>();
    const total: Usage = { requests: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    for (const r of rows) {
      add(models, r.model ?? 'gpt-4o', r);
      add(regions, r.region ?? 'DE', r);
      total.requests += r.requests;
      total.costUsd += r.costUsd;
    }
    return { key, environment: 'production' as const, monthlyBudgetUsd: null, ...total, models, regions };
  });
  return { start, index, bucketSeconds, timezone, keys };
}

function add(into: Map<string, Usage>, name: string, r: Row): void {
  const u = into.get(name) ?? { requests: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
  into.set(name, { ...u, requests: u.requests + r.requests, costUsd: u.costUsd + r.costUsd });
}

/** Replays `hours` hourly buckets; returns the bucket indexes with findings (and the findings). */
export function runHours(detector: Detector, hours: number, rows: (i: number) => readonly Row[], options: { start?: number; timezone?: string } = {}) {
  const start = options.start ?? MONDAY;
  const found = [];
  for (let i = 0; i < hours; i++) {
    for (const f of detector.observe(observation(start + i * HOUR, i, rows(i), { timezone: options.timezone }))) found.push({ i, f });
  }
  return found;
}
