import type { SpikeSettings } from './spike-settings';

// One key's seasonal baseline as a flat Float64Array, so the per-bucket work is a few reads
// and writes with no allocation. There are 168 hour-of-week slots, 24 hour-of-day slots and
// one overall slot; each slot holds a count and, for each metric, an EWMA level and mean
// absolute deviation. The overall slot also keeps a decayed peak per metric. Learning clips
// values beyond `huber` scales (Huber), and the caller does not learn flagged buckets, so
// an incident neither drags the level up nor widens the scale it is judged by. A slot still
// warming up learns flagged buckets too (clipped by its own window): otherwise a daily ramp
// flagged on its first morning could never be learnt and would page every morning.
// With hourly buckets an hour-of-week slot sees one value a week, so after a few weeks its
// level is a mean of a few noisy values. It is shrunk towards the same hour of the same
// kind of day (weekday or weekend, 48 more slots that learn five or two values a week), so
// a quiet night that happened to be empty twice does not make the next request a spike.
// The judging and learning themselves are one loop in spike-core.ts.
// The three metrics learn the same buckets into the same slots (a flagged bucket reaches
// the same warming slots for all three), so one count per slot serves them all, and the metrics of a slot sit
// together (with the slot's share of used buckets, one 64-byte line a slot): a bucket
// touches two or three cache lines of its key's 15.5 KB.

export const METRIC_COST = 0;
export const METRIC_REQUESTS = 1;
export const METRIC_TOKENS = 2;
export const METRICS = 3;
// Slots: hour of week 0-167, then hour of day, then overall.
export const HOD0 = 168;
export const ALL = 192;
/** Hour of day on weekdays (0-23), then on weekends (24-47). */
export const DAYTYPE0 = 193;
const SLOTS = 241;
/** A slot: its count, then a (level, mean absolute deviation) pair per metric, at 1 + 2 x metric. */
export const SLOT_FIELDS = 2 + 2 * METRICS;
/** A slot's share of buckets the key was used in, after its pairs. */
export const SLOT_ACTIVITY = 1 + 2 * METRICS;
/** The overall slot's decayed peak, by metric. */
export const ALL_PEAK = SLOTS * SLOT_FIELDS;
/** Mean absolute deviation to standard deviation, for a normal distribution. */
export const MAD_TO_SD = 1.2533;

export const TIER_NONE = 0;
export const TIER_HOUR_OF_WEEK = 1;
export const TIER_HOUR_OF_DAY = 2;
export const TIER_OVERALL = 3;
/** The same hour on the same kind of day (weekday or weekend). */
export const TIER_DAY_TYPE = 4;
export const TIER_NAMES = ['none', 'hour_of_week', 'hour_of_day', 'overall', 'day_type_hour'] as const;

/** Settings turned into bucket counts and EWMA rates for one bucket length. */
export interface BaselineRates {
  readyHow: number;
  readyHod: number;
  readyAll: number;
  alphaHow: number;
  alphaHod: number;
  alphaAll: number;
  huber: number;
  relativeScaleFloor: number;
  /** Weight of the day-type slot in the hour-of-week level, in weeks of history. */
  priorWeeks: number;
  /** Buckets per hour (60 for minute buckets). */
  perHour: number;
  /** Occurrences an hour-of-week slot remembers (1 / alphaHow), and its shrink weight then. */
  memoryCount: number;
  shrinkAtMemory: number;
}

export function baselineRates(s: SpikeSettings, bucketSeconds: number): BaselineRates {
  const perHour = 3600 / bucketSeconds;
  return {
    readyHow: Math.max(1, s.readyWeeks * perHour),
    readyHod: Math.max(1, s.readyDays * perHour),
    readyAll: Math.max(1, s.warmupHours * perHour),
    alphaHow: 1 / Math.max(1, s.memoryWeeks * perHour),
    alphaHod: 1 / Math.max(1, s.memoryDays * perHour),
    alphaAll: 1 / Math.max(1, s.memoryHours * perHour),
    huber: s.huber,
    relativeScaleFloor: s.relativeScaleFloor,
    priorWeeks: s.priorWeeks,
    perHour,
    memoryCount: Math.max(1, s.memoryWeeks * perHour),
    shrinkAtMemory: Math.max(1, s.memoryWeeks * perHour) / perHour / (Math.max(1, s.memoryWeeks * perHour) / perHour + s.priorWeeks),
  };
}

/** Per-key scalars the spike core keeps after the baselines (see spike-core.ts). */
export const KEY_FIELDS = 9;
export const KEY0 = ALL_PEAK + METRICS;

export function createBaseline(): Float64Array {
  return new Float64Array(KEY0 + KEY_FIELDS);
}
