import type { SpikeSettings } from './spike-settings';

// One key's seasonal baseline as a flat Float64Array, so the per-bucket work is a few reads
// and writes with no allocation. For each metric there are 168 hour-of-week slots, 24
// hour-of-day slots and one overall slot; each slot is a circular week/day of EWMA cells
// holding (level, mean absolute deviation, count, decayed peak). Learning clips values beyond `huber`
// scales (Huber), and the caller does not learn flagged buckets, so an incident neither
// drags the level up nor widens the scale it is judged by. A slot still warming up learns
// flagged buckets too (clipped): otherwise a daily ramp flagged on its first morning could
// never be learnt and would page every morning.
// With hourly buckets an hour-of-week slot sees one value a week, so after a few weeks its
// level is a mean of a few noisy values. It is shrunk towards the same hour of the same
// kind of day (weekday or weekend, 48 more slots that learn five or two values a week), so
// a quiet night that happened to be empty twice does not make the next request a spike.

export const METRIC_COST = 0;
export const METRIC_REQUESTS = 1;
export const METRIC_TOKENS = 2;
const METRICS = 3;
const HOD0 = 168;
const ALL = 192;
/** Hour of day on weekdays (0-23), then on weekends (24-47). */
const DAYTYPE0 = 193;
const SLOTS = 241;
const FIELDS = 4;
const STRIDE = SLOTS * FIELDS;
/** Mean absolute deviation to standard deviation, for a normal distribution. */
const MAD_TO_SD = 1.2533;

export const TIER_NONE = 0;
export const TIER_HOUR_OF_WEEK = 1;
export const TIER_HOUR_OF_DAY = 2;
export const TIER_OVERALL = 3;
export const TIER_NAMES = ['none', 'hour_of_week', 'hour_of_day', 'overall'] as const;

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

/** Per-key scalars the spike core keeps after the baselines (see detect-spike.ts). */
export const KEY_FIELDS = 6;
export const KEY0 = METRICS * STRIDE;

export function createBaseline(): Float64Array {
  return new Float64Array(METRICS * STRIDE + KEY_FIELDS);
}

const cell = (metric: number, slot: number) => metric * STRIDE + slot * FIELDS;
const dayType = (hourOfWeek: number, hourOfDay: number) => DAYTYPE0 + (hourOfWeek >= 120 ? 24 : 0) + hourOfDay;

/** Overall level of a metric (0 before any data). */
export function overallLevel(state: Float64Array, metric: number): number {
  return state[cell(metric, ALL)]!;
}

/**
 * Writes [expected, sd] for the metric at this hour into `out` and returns the tier used:
 * the hour-of-week slot once it has `readyWeeks` of history, else hour-of-day, else the
 * overall level after `warmupHours`, else TIER_NONE (a new key is not scored).
 * `sdFloor` is the noise the caller knows exists regardless (e.g. Poisson counts).
 * The pair goes to out[at], out[at + 1], so a caller's scratch array can hold several.
 */
export function expectation(state: Float64Array, metric: number, hourOfWeek: number, hourOfDay: number, r: BaselineRates, sdFloor: number, out: Float64Array, at = 0): number {
  const how = cell(metric, hourOfWeek);
  const hod = cell(metric, HOD0 + hourOfDay);
  const all = cell(metric, ALL);
  const hodReady = state[hod + 2]! >= r.readyHod;
  let tier: number;
  let base: number;
  if (state[how + 2]! >= r.readyHow) {
    tier = TIER_HOUR_OF_WEEK;
    base = how;
  } else if (hodReady) {
    tier = TIER_HOUR_OF_DAY;
    base = hod;
  } else if (state[all + 2]! >= r.readyAll) {
    tier = TIER_OVERALL;
    base = all;
  } else return TIER_NONE;
  // Without seasonality, compare against the key's recent peak rather than its mean, so
  // the busiest hour of an ordinary day is not a spike.
  let expected = tier === TIER_OVERALL ? state[base + 3]! : state[base]!;
  let dev = state[base + 1]!;
  const day = cell(metric, dayType(hourOfWeek, hourOfDay));
  const dayReady = state[day + 2]! >= r.readyHow;
  if (tier === TIER_HOUR_OF_WEEK && dayReady) {
    // Both the level and its spread are shrunk: weeks of the slot against `priorWeeks`.
    const count = state[how + 2]!;
    const w = count / r.perHour;
    const k = count >= r.memoryCount ? r.shrinkAtMemory : w / (w + r.priorWeeks);
    expected = k * expected + (1 - k) * state[day]!;
    const dayDev = state[day + 1]!;
    dev = Math.max(k * dev + (1 - k) * dayDev, dayDev);
  }
  // A young hour-of-week slot has seen few values: borrow the relative spread of the same
  // hour on the same kind of day (weekends mixed in would look like a wild spread).
  const spreadAt = dayReady ? day : hod;
  const spreadReady = dayReady || hodReady;
  const spreadLevel = state[spreadAt]!;
  if (tier === TIER_HOUR_OF_WEEK && spreadReady && spreadLevel > 0) dev = Math.max(dev, (state[spreadAt + 1]! / spreadLevel) * expected);
  dev = Math.max(dev, r.relativeScaleFloor * expected);
  out[at] = expected;
  out[at + 1] = Math.max(MAD_TO_SD * dev, sdFloor);
  return tier;
}

/** Learns a bucket's value into its hour-of-week, hour-of-day and overall slots. */
// `sdFloor` keeps the clipping window open on a slot that has only seen silence, or it
// could never learn that the key started working at that hour.
// A flagged bucket reaches only slots still warming up, and then capped at `cap` (the
// judging expectation plus `huber` sds) so an incident in a young slot moves it little.
// An unflagged bucket passes cap = Infinity.
export function learn(state: Float64Array, metric: number, hourOfWeek: number, hourOfDay: number, value: number, r: BaselineRates, sdFloor: number, cap: number): void {
  const flagged = cap !== Infinity;
  const x = Math.min(value, cap);
  const how = cell(metric, hourOfWeek);
  const hod = cell(metric, HOD0 + hourOfDay);
  const all = cell(metric, ALL);
  const day = cell(metric, dayType(hourOfWeek, hourOfDay));
  const howReady = state[how + 2]! >= r.readyHow;
  const dayReady = state[day + 2]! >= r.readyHow;
  if (!flagged || !howReady) update(state, how, x, r.alphaHow, r, sdFloor);
  if (!flagged || !dayReady) update(state, day, x, r.alphaHod, r, sdFloor);
  // Once this hour's week and day-type slots are ready, the hour-of-day and overall slots
  // no longer judge it (see expectation): skipping them halves the work of a warm key.
  if (howReady && dayReady) return;
  if (!flagged || state[hod + 2]! < r.readyHod) update(state, hod, x, r.alphaHod, r, sdFloor);
  if (!flagged || state[all + 2]! < r.readyAll) update(state, all, x, r.alphaAll, r, sdFloor);
}

function update(state: Float64Array, at: number, x: number, alphaMin: number, r: BaselineRates, sdFloor: number): void {
  const n = state[at + 2]! + 1;
  state[at + 2] = n;
  if (n === 1) {
    state[at] = x;
    state[at + 3] = x;
    return;
  }
  const level = state[at]!;
  const dev = state[at + 1]!;
  let clipped = x;
  if (n > 3) {
    // A history of exact zeros says nothing about magnitude, so it clips nothing.
    let scale = MAD_TO_SD * dev;
    const relative = r.relativeScaleFloor * level;
    if (relative > scale) scale = relative;
    if (sdFloor > scale) scale = sdFloor;
    const limit = r.huber * scale;
    if (limit > 0) {
      if (clipped > level + limit) clipped = level + limit;
      else if (clipped < level - limit) clipped = level - limit;
    }
  }
  // max(1/n, alphaMin) without a division once the slot is past its warm-up.
  const alpha = n * alphaMin >= 1 ? alphaMin : 1 / n;
  const diff = clipped - level;
  state[at] = level + alpha * diff;
  state[at + 1] = dev + alpha * ((diff < 0 ? -diff : diff) - dev);
  const decayed = state[at + 3]! * (1 - alphaMin);
  state[at + 3] = x > decayed ? x : decayed;
}
