import {
  KEY0,
  METRIC_COST,
  METRIC_REQUESTS,
  METRIC_TOKENS,
  TIER_HOUR_OF_DAY,
  TIER_HOUR_OF_WEEK,
  TIER_NONE,
  expectation,
  learn,
  type BaselineRates,
} from './seasonal-baseline';
import type { SpikeSettings } from './spike-settings';

// The spike core: one bucket of one series (a key, or a key's model) against its seasonal
// baseline, in a single pass over numbers with no allocation. `stepSpike` is the one
// implementation; `scanSpikes` drives it key-major over columns (a benchmark, a backfill),
// and createSpikeDetector drives it bucket-major from BucketObservations.
//
// A bucket is flagged when one metric (requests, cost or tokens) is at once
// - far out in the key's own robust spread (z-like score >= zThreshold),
// - a clear multiple of what the key does at that local hour (minMultiple), and
// - beyond counting noise on the square-root scale (countZ); cost and tokens are turned
//   into request equivalents with the key's usual price and size per request,
// and the excess matters: at least minExcessUsdPerHour, or at least
// minExcessRequestsPerHour extra requests on a request spike (a cheap key driven by a
// stranger is a leak even when it costs cents).

/** Per-key scalars after the baselines: seen active, usual cost and tokens per request. */
const ACTIVE = KEY0;
const USD_PER_REQUEST = KEY0 + 1;
const TOKENS_PER_REQUEST = KEY0 + 2;
/** Decayed peaks of a bucket's cost and tokens per request: how dear one request can be. */
const PEAK_USD_PER_REQUEST = KEY0 + 3;
const PEAK_TOKENS_PER_REQUEST = KEY0 + 4;

/** What `stepSpike` leaves in `out` for the caller's evidence. */
export const OUT_EXPECTED_USD = 0;
export const OUT_EXPECTED_REQUESTS = 1;
export const OUT_EXPECTED_TOKENS = 2;
/** METRIC_* that fired with the highest score, -1 when none. */
export const OUT_METRIC = 3;
/** TIER_* of the cost expectation. */
export const OUT_TIER = 4;
const OUT_E = 6;
// What judging leaves for learning: expectations, spreads and noise floors.
const J_REQ_SD = 8;
/** The robust spread (sd) of cost the bucket was judged against: expected +- k sd is the band. */
export const OUT_SD_USD = 9;
const J_COST_SD = OUT_SD_USD;
const J_TOK_SD = 10;
const J_REQ_NOISE = 11;
const J_COST_FLOOR = 12;
const J_TOK_FLOOR = 13;
export const SPIKE_OUT_LENGTH = 14;

/** Score on the square-root scale: ~N(0, 1) when x is a Poisson count with mean e. */
export function countScore(x: number, e: number): number {
  return 2 * (Math.sqrt(x + 0.375) - Math.sqrt(Math.max(e, 0) + 0.375));
}

/** How a bucket may be learnt: as the core decides, never (a leak, a planned one-off), or as normal (expected). */
export const LEARN_AUTO = 0;
export const LEARN_EXCLUDE = 1;
export const LEARN_INCLUDE = 2;

/**
 * Judges and learns one bucket. Returns the z-like score when flagged, else 0. `out` (length
 * SPIKE_OUT_LENGTH) receives the expectations; `state` comes from createBaseline().
 * `learnMode` carries what people said about the bucket (incident feedback).
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
  out[OUT_METRIC] = -1;
  out[OUT_TIER] = TIER_NONE;
  // Leading silence is not learnt: a key's warm-up starts with its first use.
  if (state[ACTIVE] === 0 && requests <= 0 && costUsd <= 0) return 0;
  state[ACTIVE] = 1;
  const score = judgeSpike(state, hourOfWeek, hourOfDay, costUsd, requests, tokens, r, s, out, judgeIdle);
  if (learnMode === LEARN_EXCLUDE) return score;
  const h = s.huber;
  // A flagged bucket reaches only young slots, capped near the expectation (see learn()),
  // unless people said it was expected.
  const capped = score > 0 && learnMode !== LEARN_INCLUDE;
  const eReq = out[OUT_EXPECTED_REQUESTS]!;
  const eCost = out[OUT_EXPECTED_USD]!;
  const eTok = out[OUT_EXPECTED_TOKENS]!;
  learn(state, METRIC_REQUESTS, hourOfWeek, hourOfDay, requests, r, out[J_REQ_NOISE]!, capped ? eReq + h * out[J_REQ_SD]! : Infinity);
  learn(state, METRIC_COST, hourOfWeek, hourOfDay, costUsd, r, out[J_COST_FLOOR]!, capped ? eCost + h * out[J_COST_SD]! : Infinity);
  learn(state, METRIC_TOKENS, hourOfWeek, hourOfDay, tokens, r, out[J_TOK_FLOOR]!, capped ? eTok + h * out[J_TOK_SD]! : Infinity);
  if (!capped && requests > 0) {
    state[USD_PER_REQUEST] = ewma(state[USD_PER_REQUEST]!, costUsd / requests, r.alphaAll);
    state[TOKENS_PER_REQUEST] = ewma(state[TOKENS_PER_REQUEST]!, tokens / requests, r.alphaAll);
    state[PEAK_USD_PER_REQUEST] = Math.max(costUsd / requests, state[PEAK_USD_PER_REQUEST]! * (1 - r.alphaAll));
    state[PEAK_TOKENS_PER_REQUEST] = Math.max(tokens / requests, state[PEAK_TOKENS_PER_REQUEST]! * (1 - r.alphaAll));
  }
  return score;
}

/**
 * Judges one bucket without learning it: the z-like score when it would be flagged, else 0.
 * Used on its own for a bucket still filling (ingested usage of the current minute): usage
 * only grows, so a partial bucket that is flagged stays flagged when complete.
 * `judgeIdle` false skips the cost and token expectations of a silent bucket (it cannot be
 * flagged): callers that want expectations of every bucket (a chart's band) keep it true.
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
  out[OUT_METRIC] = -1;
  out[OUT_TIER] = TIER_NONE;
  const perRequest = requests > 0 ? costUsd / requests : 0;
  const usdPerRequest = state[USD_PER_REQUEST]! > 0 ? state[USD_PER_REQUEST]! : perRequest;
  const tokensPerRequest = state[TOKENS_PER_REQUEST]! > 0 ? state[TOKENS_PER_REQUEST]! : requests > 0 ? tokens / requests : 0;

  const reqTier = expectation(state, METRIC_REQUESTS, hourOfWeek, hourOfDay, r, 1, out, OUT_E);
  const eReq = reqTier === TIER_NONE ? 0 : out[OUT_E]!;
  const reqNoise = eReq > 1 ? Math.sqrt(eReq) : 1;
  const sdReq = Math.max(out[OUT_E + 1]!, reqNoise);
  out[OUT_EXPECTED_REQUESTS] = eReq;
  if (!judgeIdle && requests <= 0 && costUsd <= 0 && tokens <= 0) {
    // A silent bucket is never flagged; the caller only needs what learning needs.
    out[OUT_EXPECTED_USD] = 0;
    out[OUT_EXPECTED_TOKENS] = 0;
    out[J_REQ_SD] = sdReq;
    out[J_REQ_NOISE] = reqNoise;
    out[J_COST_FLOOR] = usdPerRequest * reqNoise;
    out[J_TOK_FLOOR] = tokensPerRequest * reqNoise;
    return 0;
  }
  let score = 0;
  let reqHit = false;
  if (reqTier !== TIER_NONE) {
    const z = (requests - eReq) / sdReq;
    reqHit = z >= s.zThreshold && requests >= multipleFor(reqTier, s) * eReq && countScore(requests, eReq) >= s.countZ;
    if (reqHit) {
      score = z;
      out[OUT_METRIC] = METRIC_REQUESTS;
    }
  }
  const costFloor = usdPerRequest * reqNoise;
  const costTier = expectation(state, METRIC_COST, hourOfWeek, hourOfDay, r, costFloor, out, OUT_E);
  const eCost = costTier === TIER_NONE ? 0 : out[OUT_E]!;
  out[OUT_EXPECTED_USD] = eCost;
  out[OUT_TIER] = costTier;
  const sdCost = out[OUT_E + 1]!;
  if (costTier !== TIER_NONE && metricHits(costUsd, eCost, sdCost, unitOf(usdPerRequest, state[PEAK_USD_PER_REQUEST]!), costTier, s)) {
    const z = (costUsd - eCost) / sdCost;
    if (z > score) {
      score = z;
      out[OUT_METRIC] = METRIC_COST;
    }
  }
  const tokenFloor = tokensPerRequest * reqNoise;
  const tokTier = expectation(state, METRIC_TOKENS, hourOfWeek, hourOfDay, r, tokenFloor, out, OUT_E);
  const eTok = tokTier === TIER_NONE ? 0 : out[OUT_E]!;
  out[OUT_EXPECTED_TOKENS] = eTok;
  const sdTok = out[OUT_E + 1]!;
  if (tokTier !== TIER_NONE && tokens > 0 && metricHits(tokens, eTok, sdTok, unitOf(tokensPerRequest, state[PEAK_TOKENS_PER_REQUEST]!), tokTier, s)) {
    const z = (tokens - eTok) / sdTok;
    if (z > score) {
      score = z;
      out[OUT_METRIC] = METRIC_TOKENS;
    }
  }
  const excessUsd = costUsd - eCost;
  const material = excessUsd > 0 && (excessUsd * r.perHour >= s.minExcessUsdPerHour || (reqHit && (requests - eReq) * r.perHour >= s.minExcessRequestsPerHour));
  out[J_REQ_SD] = sdReq;
  out[J_COST_SD] = sdCost;
  out[J_TOK_SD] = sdTok;
  out[J_REQ_NOISE] = reqNoise;
  out[J_COST_FLOOR] = costFloor;
  out[J_TOK_FLOOR] = tokenFloor;
  return score > 0 && material ? score : 0;
}

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
  const scratch = new Float64Array(SPIKE_OUT_LENGTH);
  for (let i = 0; i < cost.length; i++) {
    out[i] = stepSpike(state, hourOfWeek[i]!, hourOfDay[i]!, cost[i]!, requests[i]!, tokens ? tokens[i]! : 0, rates, settings, scratch, LEARN_AUTO, false);
  }
}

function multipleFor(tier: number, s: SpikeSettings): number {
  return tier === TIER_HOUR_OF_WEEK || tier === TIER_HOUR_OF_DAY ? s.minMultiple : s.warmupMultiple;
}

/**
 * Cost or tokens: robust score, multiple, and counting noise in request equivalents. Sizes
 * of single requests are heavy-tailed (one long prompt is many average ones), so one
 * equivalent counts as SIZE_DISPERSION requests: the variance of a sum of N sizes is
 * N E[size^2], about 1 + CV^2 = 4 times that of N average sizes for the traces we price.
 */
const SIZE_DISPERSION = 4;

function metricHits(x: number, e: number, sd: number, unit: number, tier: number, s: SpikeSettings): boolean {
  if ((x - e) / sd < s.zThreshold || x < multipleFor(tier, s) * e) return false;
  return unit <= 0 || countScore(x / unit, e / unit) >= s.countZ;
}

/**
 * One request equivalent of cost or tokens, for the counting-noise test: SIZE_DISPERSION
 * average requests, or the dearest single request the key makes lately, whichever is more.
 * A key that mixes a cheap and a ten times dearer model is not spiking when one dear
 * request lands in a quiet minute; a leak is many requests, and passes either way.
 */
function unitOf(perRequest: number, peakPerRequest: number): number {
  return Math.max(perRequest * SIZE_DISPERSION, peakPerRequest);
}

function ewma(level: number, x: number, alpha: number): number {
  return level === 0 ? x : level + alpha * (x - level);
}
