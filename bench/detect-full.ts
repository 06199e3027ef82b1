import { performance } from 'node:perf_hooks';
import { progressBar } from '@/cli/progress-bar';
import { baselineRates, createBaseline } from '@/lib/detect/spike/seasonal-baseline';
import { scanSpikes } from '@/lib/detect/spike/spike-core';
import { DEFAULT_SPIKE_SETTINGS } from '@/lib/detect/spike/spike-settings';
import type { RssMeter } from './detect-memory';
import { scanNaive } from './detect-naive';
import { BURST_FROM, createColumns, fillKey, SHAPES, type Calendar, type Shape } from './detect-traffic';
import { perSecond } from './stats';

// The full pass: every key's hourly series through `scanSpikes`, key-major, on this one
// thread. Each key's series is generated into the same typed arrays just before its scan,
// and only the scans are timed (with the allocation of the key's baseline); generation is
// reported apart. Baselines of all keys are kept, as a backfill that hands them on to the
// live detector would. The naive detector then runs on a subset of the same keys.

/** Hours before incidents are counted: the planted bursts' start, once baselines are ready. */
const WARMUP_HOURS = BURST_FROM;
/** Flagged hours this close belong to one incident. */
const INCIDENT_GAP_HOURS = 2;

export interface FullPassResult {
  keys: number;
  hours: number;
  buckets: number;
  scanSeconds: number;
  /** CPU time of the scans (user + system); below scanSeconds when other work shares the cores. */
  scanCpuSeconds: number;
  bucketsPerSec: number;
  generateSeconds: number;
  flaggedBuckets: number;
  flaggedKeys: number;
  plantedKeys: number;
  plantedBuckets: number;
  plantedFlagged: number;
  shapes: Record<Shape, number>;
  /** Flagged buckets outside planted bursts, by shape of key. */
  unplantedFlaggedByShape: Record<Shape, number>;
  /**
   * The same as pages: runs of unplanted flagged hours (hours under 3 apart are one incident,
   * as one open incident absorbs them), per key-week after the 4 warm-up weeks, by shape.
   */
  unplantedIncidentsPerKeyWeekByShape: Record<Shape, number>;
  baselineMb: number;
  /** Per key, for comparisons on a subset: scan ms and flagged buckets. */
  scanMsByKey: Float64Array;
  flaggedByKey: Uint32Array;
}

export function runFullPass(seed: number, keys: number, cal: Calendar, meter: RssMeter): FullPassResult {
  const settings = DEFAULT_SPIKE_SETTINGS;
  const rates = baselineRates(settings, 3600);
  const cols = createColumns(cal.hours);
  const out = new Float64Array(cal.hours);
  const baselines: Float64Array[] = [];
  const scanMsByKey = new Float64Array(keys);
  const flaggedByKey = new Uint32Array(keys);
  const shapes = Object.fromEntries(SHAPES.map((s) => [s, 0])) as Record<Shape, number>;
  const unplantedFlaggedByShape = { ...shapes };
  const unplantedIncidentsByShape = { ...shapes };
  const r = { scanMs: 0, scanCpuUs: 0, generateMs: 0, flaggedBuckets: 0, flaggedKeys: 0, plantedKeys: 0, plantedBuckets: 0, plantedFlagged: 0 };
  const bar = progressBar('full pass');
  for (let k = 0; k < keys; k++) {
    const g = performance.now();
    const { shape } = fillKey(seed, k, cal, cols);
    shapes[shape] = shapes[shape]! + 1;
    const cpu = process.cpuUsage();
    const t = performance.now();
    const state = createBaseline();
    scanSpikes(state, cal.hourOfWeek, cal.hourOfDay, cols.cost, cols.requests, cols.tokens, rates, settings, out);
    const done = performance.now();
    const used = process.cpuUsage(cpu);
    r.scanCpuUs += used.user + used.system;
    baselines.push(state);
    r.generateMs += t - g;
    r.scanMs += scanMsByKey[k] = done - t;
    let planted = 0;
    let flagged = 0;
    let lastUnplanted = -Infinity;
    for (let i = 0; i < cal.hours; i++) {
      if (out[i]! > 0) flagged++;
      if (cols.planted[i]) {
        planted++;
        if (out[i]! > 0) r.plantedFlagged++;
      } else if (out[i]! > 0) {
        unplantedFlaggedByShape[shape] = unplantedFlaggedByShape[shape]! + 1;
        if (i >= WARMUP_HOURS && i - lastUnplanted > INCIDENT_GAP_HOURS) unplantedIncidentsByShape[shape] = unplantedIncidentsByShape[shape]! + 1;
        lastUnplanted = i;
      }
    }
    flaggedByKey[k] = flagged;
    r.flaggedBuckets += flagged;
    if (flagged > 0) r.flaggedKeys++;
    if (planted > 0) r.plantedKeys++;
    r.plantedBuckets += planted;
    if (k % 100 === 99 || k === keys - 1) {
      meter.sample();
      bar.update(k + 1, keys, `${(((k + 1) * cal.hours) / (r.scanMs / 1000) / 1e6).toFixed(1)}M buckets/s scanned`);
    }
  }
  const buckets = keys * cal.hours;
  bar.done(`full pass: ${buckets.toLocaleString('en-US')} buckets scanned in ${(r.scanMs / 1000).toFixed(2)} s, CPU ${(r.scanCpuUs / 1e6).toFixed(2)} s (generation ${(r.generateMs / 1000).toFixed(1)} s, not counted)`);
  return {
    keys,
    hours: cal.hours,
    buckets,
    scanSeconds: r.scanMs / 1000,
    scanCpuSeconds: r.scanCpuUs / 1e6,
    bucketsPerSec: perSecond(buckets, r.scanMs),
    generateSeconds: r.generateMs / 1000,
    flaggedBuckets: r.flaggedBuckets,
    flaggedKeys: r.flaggedKeys,
    plantedKeys: r.plantedKeys,
    plantedBuckets: r.plantedBuckets,
    plantedFlagged: r.plantedFlagged,
    shapes,
    unplantedFlaggedByShape,
    unplantedIncidentsPerKeyWeekByShape: Object.fromEntries(
      SHAPES.map((s) => [s, shapes[s]! > 0 && cal.hours > WARMUP_HOURS ? Math.round((unplantedIncidentsByShape[s]! / shapes[s]! / ((cal.hours - WARMUP_HOURS) / 168)) * 1000) / 1000 : 0]),
    ) as Record<Shape, number>,
    baselineMb: baselines.reduce((sum, b) => sum + b.byteLength, 0) / 2 ** 20,
    scanMsByKey,
    flaggedByKey,
  };
}

export interface NaiveResult {
  keys: number;
  buckets: number;
  seconds: number;
  cpuSeconds: number;
  bucketsPerSec: number;
  flaggedBuckets: number;
  /** The spike core on the same keys, from the full pass. */
  coreBucketsPerSec: number;
  coreFlaggedBuckets: number;
}

/** `count` keys spread evenly over all of them, through the naive detector. */
export function runNaive(seed: number, keys: number, count: number, cal: Calendar, full: FullPassResult, meter: RssMeter): NaiveResult {
  const cols = createColumns(cal.hours);
  const out = new Float64Array(cal.hours);
  const settings = { zThreshold: DEFAULT_SPIKE_SETTINGS.zThreshold, minMultiple: DEFAULT_SPIKE_SETTINGS.minMultiple };
  const bar = progressBar('naive (simple-statistics)');
  let ms = 0;
  let cpuUs = 0;
  let coreMs = 0;
  let flagged = 0;
  let coreFlagged = 0;
  for (let j = 0; j < count; j++) {
    const k = Math.floor((j * keys) / count);
    fillKey(seed, k, cal, cols);
    const cpu = process.cpuUsage();
    const t = performance.now();
    flagged += scanNaive(cal, cols, settings, out);
    ms += performance.now() - t;
    const used = process.cpuUsage(cpu);
    cpuUs += used.user + used.system;
    coreMs += full.scanMsByKey[k]!;
    coreFlagged += full.flaggedByKey[k]!;
    if (j % 10 === 9 || j === count - 1) {
      meter.sample();
      bar.update(j + 1, count);
    }
  }
  const buckets = count * cal.hours;
  bar.done(`naive: ${buckets.toLocaleString('en-US')} buckets of ${count} keys in ${(ms / 1000).toFixed(2)} s`);
  return { keys: count, buckets, seconds: ms / 1000, cpuSeconds: cpuUs / 1e6, bucketsPerSec: perSecond(buckets, ms), flaggedBuckets: flagged, coreBucketsPerSec: perSecond(buckets, coreMs), coreFlaggedBuckets: coreFlagged };
}
