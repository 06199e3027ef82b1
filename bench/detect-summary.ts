import os from 'node:os';
import type { DetectBenchArgs } from './detect-args';
import type { FullPassResult, NaiveResult } from './detect-full';
import type { IncrementalResult } from './detect-incremental';
import type { StateResult } from './detect-state';
import { round } from './stats';

// The one object `--json` prints, and the table printed otherwise. The naive detector runs
// in the same process on a subset of the same keys; its ratio is against the spike core on
// those keys, and against the full pass.

export const DETECT_TARGETS = { fullPassSeconds: 2, incrementalMs: 100, peakRssMb: 1024 } as const;

export type DetectSummary = ReturnType<typeof summariseDetect>;

export function summariseDetect(
  args: DetectBenchArgs,
  full: FullPassResult,
  naive: NaiveResult | null,
  inc: IncrementalResult,
  state: StateResult,
  memory: { fullPassMb: number; naiveMb: number | null; incrementalMb: number; stateMb: number; peakRssMb: number },
  load: { start: number[]; end: number[] },
) {
  return {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      loadAverageAtStart: load.start.map((n) => round(n, 2)),
      loadAverageAtEnd: load.end.map((n) => round(n, 2)),
    },
    parameters: { keys: args.keys, days: args.days, naiveKeys: naive?.keys ?? 0, warmDays: args.warmDays, samples: args.samples, timezone: args.timezone, seed: args.seed },
    keys: full.keys,
    days: args.days,
    buckets: full.buckets,
    fullPassSeconds: round(full.scanSeconds, 3),
    fullPassCpuSeconds: round(full.scanCpuSeconds, 3),
    bucketsPerSec: Math.round(full.bucketsPerSec),
    timed: 'detection only: the sum of the scanSpikes calls (with each key allocating its baseline); generating the synthetic traffic is not counted',
    generateSeconds: round(full.generateSeconds, 2),
    naiveBucketsPerSec: naive ? Math.round(naive.bucketsPerSec) : null,
    naiveCpuSeconds: naive ? round(naive.cpuSeconds, 2) : null,
    naiveSubset: naive ? `${naive.keys} of ${full.keys} keys, spread evenly; simple-statistics median and medianAbsoluteDeviation recomputed per bucket and metric` : null,
    coreBucketsPerSecOnNaiveKeys: naive ? Math.round(naive.coreBucketsPerSec) : null,
    speedup: naive ? round(naive.coreBucketsPerSec / naive.bucketsPerSec, 1) : null,
    speedupVsFullPass: naive ? round(full.bucketsPerSec / naive.bucketsPerSec, 1) : null,
    naiveFullPassSecondsEstimate: naive ? round(full.buckets / naive.bucketsPerSec, 0) : null,
    flaggedBuckets: full.flaggedBuckets,
    flaggedKeys: full.flaggedKeys,
    plantedKeys: full.plantedKeys,
    plantedBuckets: full.plantedBuckets,
    plantedFlagged: full.plantedFlagged,
    naiveFlaggedBuckets: naive?.flaggedBuckets ?? null,
    coreFlaggedBucketsOnNaiveKeys: naive?.coreFlaggedBuckets ?? null,
    shapes: full.shapes,
    unplantedFlaggedByShape: full.unplantedFlaggedByShape,
    unplantedIncidentsPerKeyWeekByShape: full.unplantedIncidentsPerKeyWeekByShape,
    baselineMb: round(full.baselineMb, 1),
    incrementalMs: round(inc.medianMs, 2),
    incrementalP95Ms: round(inc.p95Ms, 2),
    incrementalCpuMs: round(inc.medianCpuMs, 2),
    incrementalMinMs: round(inc.minMs, 2),
    incrementalMaxMs: round(inc.maxMs, 2),
    incrementalSamples: inc.samples,
    incrementalWarmHours: inc.warmHours,
    incrementalWarmSeconds: round(inc.warmSeconds, 1),
    incrementalFindings: { warm: inc.findingsWarm, timed: inc.findingsTimed },
    stateFileMb: round(state.fileMb, 1),
    stateSaveMs: Math.round(state.saveMs),
    stateLoadMs: Math.round(state.loadMs),
    stateRestoreMs: Math.round(state.restoreMs),
    stateRestorePeakRssMb: Math.round(state.restorePeakRssMb),
    stateRoundTrip: state.sameState,
    /** The spike core alone for one bucket of every key, from the full pass's rate. */
    coreOnlyMsPerBucketOfAllKeys: round((full.keys / full.bucketsPerSec) * 1000, 2),
    peakRssMb: Math.round(memory.peakRssMb),
    rssByPhaseMb: { fullPass: Math.round(memory.fullPassMb), naive: memory.naiveMb === null ? null : Math.round(memory.naiveMb), incremental: Math.round(memory.incrementalMb), savedState: Math.round(memory.stateMb) },
    targets: {
      fullPassSeconds: { target: DETECT_TARGETS.fullPassSeconds, met: full.scanSeconds < DETECT_TARGETS.fullPassSeconds },
      incrementalMs: { target: DETECT_TARGETS.incrementalMs, met: inc.medianMs < DETECT_TARGETS.incrementalMs, p95Met: inc.p95Ms < DETECT_TARGETS.incrementalMs },
      peakRssMb: { target: DETECT_TARGETS.peakRssMb, met: memory.peakRssMb < DETECT_TARGETS.peakRssMb },
    },
  };
}

const n = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? '-' : v.toLocaleString('en-US', { maximumFractionDigits: digits }));
const met = (ok: boolean) => (ok ? 'met' : 'MISSED');

export function formatDetectSummary(s: DetectSummary): string {
  const t = s.targets;
  const row = (what: string, buckets: string, perSec: string, ratio: string) => `  ${what.padEnd(44)} ${buckets.padStart(12)} ${perSec.padStart(13)} ${ratio.padStart(9)}`;
  const lines = [
    `Burnrate detection benchmark, ${s.date} (${s.machine.cpus} cores, Node ${s.machine.node}, zone ${s.parameters.timezone})`,
    '',
    `Full pass: ${n(s.keys)} keys x ${s.days} days of hourly buckets, one thread; ${s.timed}`,
    row('detector', 'buckets', 'buckets/s', 'vs naive'),
    row('scanSpikes, all keys', n(s.buckets), n(s.bucketsPerSec), s.speedupVsFullPass === null ? '-' : `${n(s.speedupVsFullPass, 1)}x`),
  ];
  if (s.naiveBucketsPerSec !== null) {
    const subset = Math.round(s.buckets * (s.parameters.naiveKeys / s.keys));
    lines.push(
      row(`scanSpikes, the naive subset (${s.parameters.naiveKeys} keys)`, n(subset), n(s.coreBucketsPerSecOnNaiveKeys), `${n(s.speedup, 1)}x`),
      row(`baseline: naive simple-statistics (subset)`, n(subset), n(s.naiveBucketsPerSec), '1x'),
      `  naive full pass would take about ${n(s.naiveFullPassSecondsEstimate)} s; flagged on the subset: core ${n(s.coreFlaggedBucketsOnNaiveKeys)}, naive ${n(s.naiveFlaggedBuckets)} buckets`,
    );
  }
  lines.push(
    `  full pass ${n(s.fullPassSeconds, 2)} s, CPU ${n(s.fullPassCpuSeconds, 2)} s (target < ${t.fullPassSeconds.target} s: ${met(t.fullPassSeconds.met)}); generating the traffic took ${n(s.generateSeconds, 1)} s more`,
    `  flagged ${n(s.flaggedBuckets)} buckets on ${n(s.flaggedKeys)} keys; planted ${n(s.plantedBuckets)} burst buckets on ${n(s.plantedKeys)} keys, ${n(s.plantedFlagged)} of them flagged`,
    `  flagged outside planted bursts, by shape: ${Object.entries(s.unplantedFlaggedByShape).map(([shape, count]) => `${shape} ${n(count)} (${n(s.shapes[shape as keyof typeof s.shapes])} keys)`).join(', ')}`,
    `  as incidents per key-week after the warm-up: ${Object.entries(s.unplantedIncidentsPerKeyWeekByShape).map(([shape, rate]) => `${shape} ${rate}`).join(', ')}`,
    '',
    `Incremental: createBurnrateDetector().observe, one bucket of ${n(s.keys)} keys per call, warmed with ${s.incrementalWarmHours} hourly buckets`,
    `  median ${n(s.incrementalMs, 1)} ms (CPU ${n(s.incrementalCpuMs, 1)} ms), p95 ${n(s.incrementalP95Ms, 1)} ms, max ${n(s.incrementalMaxMs, 1)} ms over ${s.incrementalSamples} calls (target < ${t.incrementalMs.target} ms: ${met(t.incrementalMs.met)}); the spike core alone ${n(s.coreOnlyMsPerBucketOfAllKeys, 1)} ms`,
    `  saved state (a restart takes it back): ${n(s.stateFileMb, 1)} MB on disk; save ${n(s.stateSaveMs)} ms; a new process loads it in ${n(s.stateLoadMs)} ms and restores it in ${n(s.stateRestoreMs)} ms (peak RSS ${n(s.stateRestorePeakRssMb)} MB); round trip ${s.stateRoundTrip ? 'exact' : 'DIFFERS'}`,
    '',
    `Memory: peak RSS ${n(s.peakRssMb)} MB (target < ${t.peakRssMb.target} MB: ${met(t.peakRssMb.met)}); by phase: full pass ${n(s.rssByPhaseMb.fullPass)}, naive ${n(s.rssByPhaseMb.naive)}, incremental ${n(s.rssByPhaseMb.incremental)}, saved state ${n(s.rssByPhaseMb.savedState)} MB; baselines of all keys ${n(s.baselineMb)} MB`,
    `load average at start ${s.machine.loadAverageAtStart.join(' ')}, at end ${s.machine.loadAverageAtEnd.join(' ')}`,
  );
  return lines.join('\n');
}
