import {
  ALL,
  ALL_PEAK,
  DAYTYPE0,
  HOD0,
  KEY0,
  MAD_TO_SD,
  METRIC_COST,
  METRIC_REQUESTS,
  METRIC_TOKENS,
  METRICS,
  SLOT_ACTIVITY,
  SLOT_FIELDS,
  TIER_HOUR_OF_DAY,
  TIER_HOUR_OF_WEEK,
  TIER_NONE,
  TIER_OVERALL,
  TIER_DAY_TYPE,
  type BaselineRates,
} from './seasonal-baseline';
import type { SpikeSettings } from './spike-settings';

// The spike core: the buckets of one series (a key, or a key's model) against its seasonal
// baseline, in a single pass over numbers with no allocation. `runSpikes` is the one
// implementation; `scanSpikes` drives it key-major over columns (a benchmark, a backfill),
// and createSpikeDetector drives it bucket-major from BucketObservations, through
// `stepSpike` and `judgeSpike`.
//
// A bucket is flagged when one metric (requests, cost or tokens) is at once
// - far out in the key's own robust spread (z-like score >= zThreshold),
// - a clear multiple of what the key does at that local hour (minMultiple) and, at an hour
//   that is silent more often than not, of what the key does whenever it is used (a key
//   used in sessions at random hours is not a spike at each new hour; usage at an hour
//   that is normally idle is the off-hours detector's), and
// - beyond counting noise on the square-root scale (countZ); cost and tokens are turned
//   into request equivalents with the key's usual price and size per request,
// and the excess matters: at least minExcessUsdPerHour, or at least
// minExcessRequestsPerHour extra requests on a request spike (a cheap key driven by a
// stranger is a leak even when it costs cents).

// The loop's numbers are const enums, which esbuild (tsx, vitest, Next.js) writes as
// literals. Under ES modules each read of an imported or module-level constant is a cell
// load with a hole check, and in the loop that was about 20% of the full pass. Layout,
// metrics and tiers mirror seasonal-baseline.ts, which owns them: a mismatch fails at import.
const enum Layout {
  SlotFields = 8,
  Activity = 7,
  Hod0 = 168,
  All = 192,
  DayType0 = 193,
  AllPeak = 1928,
  Key0 = 1931,
  MadToSd = 1.2533,
}
const enum Metric {
  Cost = 0,
  Requests = 1,
  Tokens = 2,
  Count = 3,
  /** One bit per metric. */
  AllBits = 7,
}
const enum Tier {
  None = 0,
  HourOfWeek = 1,
  HourOfDay = 2,
  Overall = 3,
  DayType = 4,
}
/** Per-key scalars after the baselines: seen active, usual cost and tokens per request, then
 * the decayed peaks of a bucket's cost and tokens per request (how dear one request can be). */
const enum Key {
  Active = Layout.Key0,
  UsdPerRequest = Layout.Key0 + 1,
  TokensPerRequest = Layout.Key0 + 2,
  PeakUsdPerRequest = Layout.Key0 + 3,
  PeakTokensPerRequest = Layout.Key0 + 4,
  /** Buckets the key was used in, then its usual cost, requests and tokens in such a bucket. */
  ActiveN = Layout.Key0 + 5,
  Active0 = Layout.Key0 + 6,
}
/** How many of its latest used buckets a key's usual level when used remembers. */
const enum Used {
  Memory = 50,
}
/** Indices of `out`, see the OUT_* exports. */
const enum Out {
  Metric = 3,
  Tier = 4,
  Sd = 5,
}
/** Learning modes, see the LEARN_* exports; JudgeOnly is judgeSpike's. */
const enum Mode {
  Auto = 0,
  Exclude = 1,
  Include = 2,
  JudgeOnly = 3,
}
if (
  [Layout.SlotFields, Layout.Activity, Layout.Hod0, Layout.All, Layout.DayType0, Layout.AllPeak, Layout.Key0, Layout.MadToSd].join() !== [SLOT_FIELDS, SLOT_ACTIVITY, HOD0, ALL, DAYTYPE0, ALL_PEAK, KEY0, MAD_TO_SD].join() ||
  [Metric.Cost, Metric.Requests, Metric.Tokens, Metric.Count].join() !== [METRIC_COST, METRIC_REQUESTS, METRIC_TOKENS, METRICS].join() ||
  [Tier.None, Tier.HourOfWeek, Tier.HourOfDay, Tier.Overall, Tier.DayType].join() !== [TIER_NONE, TIER_HOUR_OF_WEEK, TIER_HOUR_OF_DAY, TIER_OVERALL, TIER_DAY_TYPE].join()
) {
  throw new Error('spike-core.ts: the layout, metric or tier numbers differ from seasonal-baseline.ts');
}

/** What `stepSpike` leaves in `out` for the caller's evidence, by METRIC_*. */
export const OUT_EXPECTED_USD = Metric.Cost;
export const OUT_EXPECTED_REQUESTS = Metric.Requests;
export const OUT_EXPECTED_TOKENS = Metric.Tokens;
/** METRIC_* that fired with the highest score, -1 when none. */
export const OUT_METRIC = Out.Metric;
/** TIER_* of the expectations (the same for the three metrics). */
export const OUT_TIER = Out.Tier;
/** The robust spread (sd) a metric was judged against, by METRIC_*: expected +- k sd is the band. */
export const OUT_SD_USD = Out.Sd + Metric.Cost;
export const SPIKE_OUT_LENGTH = Out.Sd + Metric.Count;

/** Score on the square-root scale: ~N(0, 1) when x is a Poisson count with mean e. */
export function countScore(x: number, e: number): number {
  return 2 * (Math.sqrt(x + 0.375) - Math.sqrt(Math.max(e, 0) + 0.375));
}

/** How a bucket may be learnt: as the core decides, never (a leak, a planned one-off), or as normal (expected). */
export const LEARN_AUTO = Mode.Auto;
export const LEARN_EXCLUDE = Mode.Exclude;
export const LEARN_INCLUDE = Mode.Include;

/**
 * Judges and learns one bucket. Returns the z-like score when flagged, else 0. `out` (length
 * SPIKE_OUT_LENGTH) receives the expectations; `state` comes from createBaseline().
 * `learnMode` carries what people said about the bucket (incident feedback).
 * `judgeIdle` false skips the cost and token expectations of a silent bucket (it cannot be
 * flagged), and leaves the spreads in `out` unset unless the bucket is flagged: callers
 * that want the band of every bucket (a chart) keep it true.
 */
export function stepSpike(
  state: Float64Array,
  hourOfWeek: number,
  hourOfDay: number,
  costUsd: number,
  requests: number,
  tokens: number,
  r: BaselineRates,
  s: SpikeSettings,
  out: Float64Array,
  learnMode = LEARN_AUTO,
  judgeIdle = true,
): number {
  ONE.hourOfWeek[0] = hourOfWeek;
  ONE.hourOfDay[0] = hourOfDay;
  ONE.cost[0] = costUsd;
  ONE.requests[0] = requests;
  ONE.tokens[0] = tokens;
  runSpikes(state, ONE, 0, 1, r, s, ONE_SCORE, out, learnMode, judgeIdle);
  return ONE_SCORE[0]!;
}

/**
 * Judges one bucket without learning it: the z-like score when it would be flagged, else 0.
 * Used on its own for a bucket still filling (ingested usage of the current minute): usage
 * only grows, so a partial bucket that is flagged stays flagged when complete.
 */
export function judgeSpike(
  state: Float64Array,
  hourOfWeek: number,
  hourOfDay: number,
  costUsd: number,
  requests: number,
  tokens: number,
  r: BaselineRates,
  s: SpikeSettings,
  out: Float64Array,
  judgeIdle = true,
): number {
  return stepSpike(state, hourOfWeek, hourOfDay, costUsd, requests, tokens, r, s, out, Mode.JudgeOnly, judgeIdle);
}

/** A series as columns: local hour of week 0-167 and hour of day 0-23 of each bucket start, then its values. */
interface SpikeColumns {
  hourOfWeek: Uint8Array;
  hourOfDay: Uint8Array;
  cost: Float64Array;
  requests: Float64Array;
  tokens: Float64Array | undefined;
}

/** stepSpike's bucket as columns of one, and its score (JavaScript runs one call at a time). */
const ONE = {
  hourOfWeek: new Uint8Array(1),
  hourOfDay: new Uint8Array(1),
  cost: new Float64Array(1),
  requests: new Float64Array(1),
  tokens: new Float64Array(1),
} satisfies SpikeColumns;
const ONE_SCORE = new Float64Array(1);

/**
 * The key-major driver: one key's buckets in time order as columns (local hour of week
 * 0-167 and hour of day 0-23 of each bucket start, cost, requests, tokens or undefined),
 * writing each bucket's score into `out` (0 when not flagged). `state` carries over between
 * calls, so a series may come in chunks. Same decisions as createSpikeDetector.
 */
export function scanSpikes(
  state: Float64Array,
  hourOfWeek: Uint8Array,
  hourOfDay: Uint8Array,
  cost: Float64Array,
  requests: Float64Array,
  tokens: Float64Array | undefined,
  rates: BaselineRates,
  settings: SpikeSettings,
  out: Float64Array,
): void {
  runSpikes(state, { hourOfWeek, hourOfDay, cost, requests, tokens }, 0, cost.length, rates, settings, out, undefined, LEARN_AUTO, false);
}

/**
 * Cost or tokens: robust score, multiple, and counting noise in request equivalents. Sizes
 * of single requests are heavy-tailed (one long prompt is many average ones), so one
 * equivalent counts as Size.Dispersion requests: the variance of a sum of N sizes is
 * N E[size^2], about 1 + CV^2 = 4 times that of N average sizes for the traces we price.
 * One equivalent is Size.Dispersion average requests, or the dearest single request the
 * key makes lately, whichever is more: a key that mixes a cheap and a ten times dearer
 * model is not spiking when one dear request lands in a quiet minute; a leak is many
 * requests, and passes either way.
 */
const enum Size {
  Dispersion = 4,
}

function passesCountNoise(x: number, e: number, perRequest: number, peakPerRequest: number, s: SpikeSettings): boolean {
  const unit = Math.max(perRequest * Size.Dispersion, peakPerRequest);
  return unit <= 0 || countScore(x / unit, e / unit) >= s.countZ;
}

function pick(m: number, cost: number, requests: number, tokens: number): number {
  return m === Metric.Cost ? cost : m === Metric.Requests ? requests : tokens;
}

/** A metric's (level, mean absolute deviation) pair in a slot: after the count. */
function pairOf(m: number): number {
  return 1 + 2 * m;
}

/**
 * Buckets `from` to `to` of the columns: each judged against the baseline, then learnt into
 * it. Scores go to `scores[i]`; `evidence` (stepSpike's `out`) gets the last bucket's.
 */
// Why one long loop: this is the full pass's whole cost (21.6 M buckets in the benchmark).
// V8 boxes a double that crosses a call it does not inline, and the three metrics share
// almost everything: they learn the same buckets into the same slots (a flagged bucket
// reaches the warming slots for all three), so their slot counts are equal, and with them
// the tier, the shrink weight and which slots learn. That is decided once per bucket; only
// the levels differ by metric. A metric's spread is computed only when its value reaches
// `minMultiple` x its expectation (below that it cannot fire), or the caller wants the band
// (`judgeIdle`).
function runSpikes(state: Float64Array, columns: SpikeColumns, from: number, to: number, r: BaselineRates, s: SpikeSettings, scores: Float64Array, evidence: Float64Array | undefined, learnMode: number, judgeIdle: boolean): void {
  const { hourOfWeek, hourOfDay, cost, requests, tokens } = columns;
  const learns = learnMode === Mode.Auto || learnMode === Mode.Include;
  for (let i = from; i < to; i++) {
    const c = cost[i]!;
    const q = requests[i]!;
    const t = tokens === undefined ? 0 : tokens[i]!;
    if (learnMode !== Mode.JudgeOnly) {
      // Leading silence is not learnt: a key's warm-up starts with its first use.
      if (state[Key.Active] === 0 && q <= 0 && c <= 0) {
        scores[i] = 0;
        if (evidence) {
          evidence[Out.Metric] = -1;
          evidence[Out.Tier] = Tier.None;
        }
        continue;
      }
      state[Key.Active] = 1;
    }
    const hw = hourOfWeek[i]!;
    const hd = hourOfDay[i]!;
    const how = hw * Layout.SlotFields;
    const hod = (Layout.Hod0 + hd) * Layout.SlotFields;
    const all = Layout.All * Layout.SlotFields;
    const day = (Layout.DayType0 + (hw >= 120 ? 24 : 0) + hd) * Layout.SlotFields;
    const howCount = state[how]!;
    const howReady = howCount >= r.readyHow;
    const hodReady = state[hod]! >= r.readyHod;
    const dayReady = state[day]! >= r.readyHow;
    const usual = state[Key.UsdPerRequest]!;
    const usualTokens = state[Key.TokensPerRequest]!;
    const cq = q > 0 ? c / q : 0;
    const tq = q > 0 ? t / q : 0;
    const usdPerRequest = usual > 0 ? usual : cq;
    const tokensPerRequest = usualTokens > 0 ? usualTokens : tq;
    const judged = judgeIdle || q > 0 || c > 0 || t > 0;

    // Expectation: the hour-of-week slot once it has `readyWeeks` of history, else the same
    // hour on the same kind of day (weekday or weekend) once that has as many, else
    // hour-of-day, else the overall level after `warmupHours`, else none (a new key is not
    // scored). The day-type slot comes before the mixed hour of day so a key first seen on a
    // weekend is judged on working days by working days from its third one.
    let tier = Tier.None;
    let base = 0;
    if (howReady) {
      tier = Tier.HourOfWeek;
      base = how;
    } else if (dayReady) {
      tier = Tier.DayType;
      base = day;
    } else if (hodReady) {
      tier = Tier.HourOfDay;
      base = hod;
    } else if (state[all]! >= r.readyAll) {
      tier = Tier.Overall;
      base = all;
    }
    // The hour-of-week level and spread are shrunk towards the day type: weeks of the slot
    // against `priorWeeks`.
    const shrink = tier === Tier.HourOfWeek && dayReady;
    let k = 0;
    if (shrink) {
      const w = howCount / r.perHour;
      k = howCount >= r.memoryCount ? r.shrinkAtMemory : w / (w + r.priorWeeks);
    }
    const k1 = 1 - k;
    let eC = 0;
    let eR = 0;
    let eT = 0;
    if (tier !== Tier.None) {
      // Without seasonality, compare against the key's recent peak rather than its mean,
      // so the busiest hour of an ordinary day is not a spike. The overall slot's peaks
      // sit side by side after the slots; a slot's levels are every other number.
      const levels = tier === Tier.Overall ? Layout.AllPeak : base + pairOf(0);
      const step = tier === Tier.Overall ? 1 : 2;
      eR = state[levels + step * Metric.Requests]!;
      if (shrink) eR = k * eR + k1 * state[day + pairOf(Metric.Requests)]!;
      if (judged) {
        eC = state[levels + step * Metric.Cost]!;
        eT = state[levels + step * Metric.Tokens]!;
        if (shrink) {
          eC = k * eC + k1 * state[day + pairOf(Metric.Cost)]!;
          eT = k * eT + k1 * state[day + pairOf(Metric.Tokens)]!;
        }
      }
    }
    const reqNoise = eR > 1 ? Math.sqrt(eR) : 1;
    const costFloor = usdPerRequest * reqNoise;
    const tokenFloor = tokensPerRequest * reqNoise;

    // Judging, and the spreads it needs.
    let sdC = 0;
    let sdR = 0;
    let sdT = 0;
    let score = 0;
    let metric = -1;
    if (judged && tier !== Tier.None) {
      const multiple = tier === Tier.Overall ? s.warmupMultiple : s.minMultiple;
      // Bits by metric of those at least `multiple` x expected: only they can fire.
      let hits = (c >= multiple * eC ? 1 << Metric.Cost : 0) | (q >= multiple * eR ? 1 << Metric.Requests : 0) | (t > 0 && t >= multiple * eT ? 1 << Metric.Tokens : 0);
      // An hour that is silent more often than not (its median is silence) says little
      // about how much the key does when it is used: a key used in sessions at random hours
      // would look like a spike in every slot it was silent in before. There a metric must
      // also be a multiple of what the key does whenever it is used.
      if (hits !== 0 && tier !== Tier.Overall && state[Key.ActiveN]! >= r.perHour && (shrink ? k * state[base + Layout.Activity]! + k1 * state[day + Layout.Activity]! : state[base + Layout.Activity]!) < 0.5) {
        if (c < multiple * state[Key.Active0 + Metric.Cost]!) hits &= ~(1 << Metric.Cost);
        if (q < multiple * state[Key.Active0 + Metric.Requests]!) hits &= ~(1 << Metric.Requests);
        if (t < multiple * state[Key.Active0 + Metric.Tokens]!) hits &= ~(1 << Metric.Tokens);
      }
      const need = judgeIdle ? Metric.AllBits : hits;
      // A young hour-of-week slot has seen few values: borrow the relative spread of the
      // same hour on the same kind of day (weekends mixed in would look like a wild spread).
      const spreadAt = dayReady ? day : hod;
      const borrow = tier === Tier.HourOfWeek && (dayReady || hodReady);
      if (need !== 0) {
        for (let m = 0; m < Metric.Count; m++) {
          if ((need & (1 << m)) === 0) continue;
          const p = pairOf(m);
          const expected = pick(m, eC, eR, eT);
          let dev = state[base + p + 1]!;
          if (shrink) {
            const dayDev = state[day + p + 1]!;
            dev = Math.max(k * dev + k1 * dayDev, dayDev);
          }
          const spreadLevel = state[spreadAt + p]!;
          if (borrow && spreadLevel > 0) dev = Math.max(dev, (state[spreadAt + p + 1]! / spreadLevel) * expected);
          dev = Math.max(dev, r.relativeScaleFloor * expected);
          const sd = Layout.MadToSd * dev;
          if (m === Metric.Cost) sdC = Math.max(sd, costFloor);
          else if (m === Metric.Requests) sdR = Math.max(Math.max(sd, 1), reqNoise);
          else sdT = Math.max(sd, tokenFloor);
        }
        const zR = (q - eR) / sdR;
        const reqHit = (hits & (1 << Metric.Requests)) !== 0 && zR >= s.zThreshold && countScore(q, eR) >= s.countZ;
        if (reqHit) {
          score = zR;
          metric = Metric.Requests;
        }
        const zC = (c - eC) / sdC;
        if ((hits & (1 << Metric.Cost)) !== 0 && zC >= s.zThreshold && passesCountNoise(c, eC, usdPerRequest, state[Key.PeakUsdPerRequest]!, s) && zC > score) {
          score = zC;
          metric = Metric.Cost;
        }
        const zT = (t - eT) / sdT;
        if ((hits & (1 << Metric.Tokens)) !== 0 && zT >= s.zThreshold && passesCountNoise(t, eT, tokensPerRequest, state[Key.PeakTokensPerRequest]!, s) && zT > score) {
          score = zT;
          metric = Metric.Tokens;
        }
        const excessUsd = c - eC;
        const material = excessUsd > 0 && (excessUsd * r.perHour >= s.minExcessUsdPerHour || (reqHit && (q - eR) * r.perHour >= s.minExcessRequestsPerHour));
        if (!material) score = 0;
      }
    }
    scores[i] = score;
    if (evidence) {
      evidence[Metric.Cost] = judged ? eC : 0;
      evidence[Metric.Requests] = eR;
      evidence[Metric.Tokens] = judged ? eT : 0;
      evidence[Out.Metric] = metric;
      evidence[Out.Tier] = judged ? tier : Tier.None;
      evidence[Out.Sd + Metric.Cost] = sdC;
      evidence[Out.Sd + Metric.Requests] = sdR;
      evidence[Out.Sd + Metric.Tokens] = sdT;
    }
    if (!learns) continue;

    // Learning. A flagged bucket reaches only slots still warming up, unless people said it
    // was expected; there it is clipped by the slot's own Huber window, not capped near the
    // expectation it was judged by. That expectation may come from a coarser slot: a key
    // first seen on a weekend judges its first Monday by the weekend's hours, and a Monday
    // capped near those would teach its own slots a Monday that never was, and page every
    // Monday after (a death spiral the demo's first start showed).
    const flagged = score > 0 && learnMode !== Mode.Include;
    for (let j = 0; j < 4; j++) {
      let at: number;
      let alphaMin: number;
      if (j === 0) {
        if (flagged && howReady) continue;
        at = how;
        alphaMin = r.alphaHow;
      } else if (j === 1) {
        if (flagged && dayReady) continue;
        at = day;
        alphaMin = r.alphaHod;
      } else if (howReady && dayReady) {
        // Once this hour's week and day-type slots are ready, the hour-of-day and overall
        // slots no longer judge it: skipping them halves the work of a warm key.
        break;
      } else if (j === 2) {
        if (flagged && state[hod]! >= r.readyHod) continue;
        at = hod;
        alphaMin = r.alphaHod;
      } else {
        if (flagged && state[all]! >= r.readyAll) continue;
        at = all;
        alphaMin = r.alphaAll;
      }
      const n = state[at]! + 1;
      state[at] = n;
      // max(1/n, alphaMin) without a division once the slot is past its warm-up.
      const alpha = n * alphaMin >= 1 ? alphaMin : 1 / n;
      learnPair(state, at + pairOf(Metric.Cost), c, costFloor, n, alpha, r);
      learnPair(state, at + pairOf(Metric.Requests), q, reqNoise, n, alpha, r);
      learnPair(state, at + pairOf(Metric.Tokens), t, tokenFloor, n, alpha, r);
      const used = q > 0 || c > 0 ? 1 : 0;
      state[at + Layout.Activity] = n === 1 ? used : state[at + Layout.Activity]! + alpha * (used - state[at + Layout.Activity]!);
      if (at === all) {
        for (let m = 0; m < Metric.Count; m++) {
          const x = pick(m, c, q, t);
          const decayed = state[Layout.AllPeak + m]! * (1 - alphaMin);
          state[Layout.AllPeak + m] = n === 1 || x > decayed ? x : decayed;
        }
      }
    }
    if (q > 0 || c > 0) {
      // The usual level when used learns flagged buckets too (a session in a new hour is
      // still a session), each capped at `minMultiple` x that level.
      const n = state[Key.ActiveN]! + 1;
      state[Key.ActiveN] = n;
      if (n === 1) {
        state[Key.Active0 + Metric.Cost] = c;
        state[Key.Active0 + Metric.Requests] = q;
        state[Key.Active0 + Metric.Tokens] = t;
      } else {
        const a = n < Used.Memory ? 1 / n : 1 / Used.Memory;
        learnUsed(state, Key.Active0 + Metric.Cost, c, a, s.minMultiple);
        learnUsed(state, Key.Active0 + Metric.Requests, q, a, s.minMultiple);
        learnUsed(state, Key.Active0 + Metric.Tokens, t, a, s.minMultiple);
      }
    }
    if (!flagged && q > 0) {
      const a = r.alphaAll;
      state[Key.UsdPerRequest] = usual === 0 ? cq : usual + a * (cq - usual);
      state[Key.TokensPerRequest] = usualTokens === 0 ? tq : usualTokens + a * (tq - usualTokens);
      state[Key.PeakUsdPerRequest] = Math.max(cq, state[Key.PeakUsdPerRequest]! * (1 - a));
      state[Key.PeakTokensPerRequest] = Math.max(tq, state[Key.PeakTokensPerRequest]! * (1 - a));
    }
  }
}

/** One step of a key's usual level when used, each value capped at `cap` x that level. */
function learnUsed(state: Float64Array, o: number, x: number, a: number, cap: number): void {
  const level = state[o]!;
  state[o] = level + a * (Math.min(x, cap * level) - level);
}

/**
 * One EWMA step of a metric's (level, deviation) pair at `o`, the slot's `n`th value.
 * Learning clips values beyond `huber` scales; `floor` keeps the clipping window open on a
 * slot that has only seen silence, or it could never learn that the key started working at
 * that hour. (Three calls rather than a loop over the metrics: V8 inlines them, and the
 * straight code is about 7% faster.)
 */
function learnPair(state: Float64Array, o: number, x: number, floor: number, n: number, alpha: number, r: BaselineRates): void {
  if (n === 1) {
    state[o] = x;
    return;
  }
  const level = state[o]!;
  const dev = state[o + 1]!;
  // Silence into a slot that has only seen silence changes nothing.
  if (x === 0 && level === 0 && dev === 0) return;
  let clipped = x;
  if (n > 3) {
    // A history of exact zeros says nothing about magnitude, so it clips nothing.
    const limit = r.huber * Math.max(Layout.MadToSd * dev, r.relativeScaleFloor * level, floor);
    if (limit > 0) {
      if (clipped > level + limit) clipped = level + limit;
      else if (clipped < level - limit) clipped = level - limit;
    }
  }
  const diff = clipped - level;
  state[o] = level + alpha * diff;
  state[o + 1] = dev + alpha * (Math.abs(diff) - dev);
}
