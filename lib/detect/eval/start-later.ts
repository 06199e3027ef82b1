import type { KeySeries, Scenario, Usage } from './load-scenario';

// A scenario as if Burnrate had first seen its keys `days` later: the same usage and labels
// from a later start. A detector's first days are its weakest (which hours are busy, which
// days are working days), and a scenario starts on one weekday; replaying it from the next
// few shows whether the result depends on the day the keys were first seen (a key first seen
// on a Saturday must not make every Monday a spike). Pure; null when the later start would
// reach the warm-up's end, where labels may begin.

export function startLater(scenario: Scenario, days: number): Scenario | null {
  const { meta } = scenario;
  const bucketMs = meta.bucketSeconds * 1000;
  const skip = Math.round((days * 86_400_000) / bucketMs);
  const start = meta.start + skip * bucketMs;
  if (!Number.isInteger(days) || days <= 0 || start >= meta.warmupEnd) return null;
  const series = new Map<string, KeySeries>();
  for (const [key, s] of scenario.series) {
    series.set(key, {
      requests: s.requests.slice(skip),
      inputTokens: s.inputTokens.slice(skip),
      outputTokens: s.outputTokens.slice(skip),
      costUsd: s.costUsd.slice(skip),
      models: shift(s.models, skip),
      regions: shift(s.regions, skip),
    });
  }
  // `rows` stays the count read from usage.csv.
  return { meta: { ...meta, name: `${meta.name}+${days}d`, start }, bucketCount: scenario.bucketCount - skip, series, rows: scenario.rows };
}

function shift(byBucket: ReadonlyMap<number, Map<string, Usage>>, skip: number): Map<number, Map<string, Usage>> {
  const out = new Map<number, Map<string, Usage>>();
  for (const [b, cells] of byBucket) if (b >= skip) out.set(b - skip, cells);
  return out;
}
