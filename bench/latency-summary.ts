import os from 'node:os';
import type { LatencyArgs } from './latency-args';
import type { LatencyRun } from './latency-runs';
import { median, round } from './stats';

// The one object `--json` prints, and the table printed otherwise. The headline figures are
// medians over the runs; a run without a page counts as missing the target. The comparison
// is a reference, not a measurement: cloud cost anomaly services (AWS Cost Anomaly Detection,
// Azure and GCP cost anomaly alerts) work on billing data that lands hours to a day late.

export const TARGET_SECONDS = { pulled: 120, ingested: 10 } as const;
const REFERENCE_SECONDS = { fast: 3_600, slow: 86_400 };

function figures(runs: LatencyRun[], target: number) {
  const seconds = runs.map((r) => r.seconds);
  const paged = seconds.filter((s): s is number => s !== null);
  const missing = seconds.length - paged.length;
  const med = paged.length ? round(median(paged), 2) : null;
  const max = missing ? null : paged.length ? Math.max(...paged) : null;
  return {
    medianSeconds: med,
    maxSeconds: max,
    minSeconds: paged.length ? Math.min(...paged) : null,
    unpaged: missing,
    target: { seconds: target, met: runs.length === 0 ? null : max !== null && max < target },
    // How many times sooner than a service that reports an hour (or a day) after the spend.
    vsOneHour: med ? round(REFERENCE_SECONDS.fast / med, 0) : null,
    vsOneDay: med ? round(REFERENCE_SECONDS.slow / med, 0) : null,
  };
}

export function summariseLatency(args: LatencyArgs, pulledRuns: LatencyRun[], ingestedRuns: LatencyRun[], load: { start: number[]; end: number[] }, setup: { seconds: number }) {
  const pulled = figures(pulledRuns, TARGET_SECONDS.pulled);
  const ingested = figures(ingestedRuns, TARGET_SECONDS.ingested);
  return {
    date: new Date().toISOString(),
    pulledSeconds: pulled.medianSeconds,
    ingestedSeconds: ingested.medianSeconds,
    pulled,
    ingested,
    comparison: 'cloud cost anomaly services detect in hours to a day (reference, not measured here)',
    parameters: { runs: args.runs, historyDays: args.historyDays, burstMultiple: args.burst, flushMs: args.flushMs, timeoutSeconds: args.timeoutMs / 1000, bucketSeconds: 60, routeMinSeverity: 'error' },
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      loadAverageAtStart: load.start.map((n) => round(n, 2)),
      loadAverageAtEnd: load.end.map((n) => round(n, 2)),
    },
    setupSeconds: round(setup.seconds, 1),
    pulledRuns,
    ingestedRuns,
  };
}

export type LatencySummary = ReturnType<typeof summariseLatency>;

const s = (v: number | null) => (v === null ? '-' : `${v.toFixed(1)} s`);

export function formatLatency(sum: LatencySummary): string {
  const lines = [`Burnrate alert latency, ${sum.date} (${sum.machine.cpus} cores, Node ${sum.machine.node}); burst ${sum.parameters.burstMultiple}x a key's usual rate, 1-minute buckets`, ''];
  lines.push(`  ${'path'.padEnd(10)} ${'runs'.padStart(4)} ${'median'.padStart(8)} ${'max'.padStart(8)} ${'target'.padStart(8)}  ${'met'.padEnd(6)} vs 1 h / 1 day`);
  for (const [name, f, runs] of [['pulled', sum.pulled, sum.pulledRuns], ['ingested', sum.ingested, sum.ingestedRuns]] as const) {
    if (runs.length === 0) continue;
    const met = f.target.met ? 'met' : 'MISSED';
    lines.push(`  ${name.padEnd(10)} ${String(runs.length).padStart(4)} ${s(f.medianSeconds).padStart(8)} ${s(f.maxSeconds).padStart(8)} ${`< ${f.target.seconds} s`.padStart(8)}  ${met.padEnd(6)} ${f.vsOneHour ?? '-'}x / ${f.vsOneDay ?? '-'}x sooner`);
  }
  for (const run of [...sum.pulledRuns, ...sum.ingestedRuns]) {
    const phase = run.schedulerPhaseSeconds === undefined ? '' : `, scheduler started at :${run.schedulerPhaseSeconds.toFixed(0).padStart(2, '0')}`;
    lines.push('', `${run.path} burst on ${run.key} at ${run.burstAt.slice(11, 19)} UTC, ${run.burstPerMinute}/min${phase}: ${run.seconds === null ? 'NO PAGE' : `${run.seconds.toFixed(2)} s`}${run.incident ? ` (${run.incident.kind}, ${run.incident.severity})` : ''}`);
    for (const t of run.timeline) lines.push(`  ${`+${t.seconds.toFixed(2)} s`.padStart(10)}  ${t.step}`);
  }
  lines.push('', `comparison: ${sum.comparison}`, `setup ${sum.setupSeconds} s; load average at start ${sum.machine.loadAverageAtStart.join(' ')}, at end ${sum.machine.loadAverageAtEnd.join(' ')}`);
  return lines.join('\n');
}
