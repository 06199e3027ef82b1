import { demoCostUsd } from './demo-prices';
import { sampleTokens } from './sample-tokens';
import type { DemoModel } from './demo-prices';
import type { DemoKey, DemoShape, DemoTrafficProfile } from './demo-keys';

export type DemoUsageRow = {
  model: string;
  region: string;
  requests: number;
  inputTokens: number; // uncached input
  cachedInputTokens: number; // cache reads
  outputTokens: number;
  costUsd: number;
};

export type DemoUsageBucket = DemoUsageRow & { providerKeyId: string; bucketStartMs: number };

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
// Per cell and hour at most this many requests get their own token draw; the rest are
// scaled from their mean, so an hour of a busy key costs the same as a quiet one.
const MAX_TOKEN_SAMPLES = 64;
const SALT = { hour: 1, day: 2, minutes: 3, episode: 4 } as const;
const MINUTE_MS = 60_000;
const EPISODE_TOKEN_SAMPLES = 16;

// Expected traffic relative to baseRequestsPerHour, by local hour 0..23.
const SHAPES: Record<DemoShape, readonly number[]> = {
  office: [
    0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.2, 0.6, 0.9, 1, 1, 0.75, 1, 1, 1, 0.85, 0.55,
    0.3, 0.15, 0.1, 0.06, 0.05, 0.04,
  ],
  flat: Array.from({ length: 24 }, (_, h) => 1 + 0.15 * Math.cos((2 * Math.PI * (h - 15)) / 24)),
  // A few stray retries outside the 01:00-04:00 window.
  nightly: Array.from({ length: 24 }, (_, h) => (h >= 1 && h < 4 ? 1 : 0.002)),
};

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix32(h: number, v: number): number {
  let x = Math.imul(h ^ (v >>> 0), 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

const stringHashes = new Map<string, number>();
function hashString(s: string): number {
  let h = stringHashes.get(s);
  if (h === undefined) {
    h = 0x811c9dc5; // FNV-1a
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    stringHashes.set(s, h >>> 0);
  }
  return h >>> 0;
}

// A stream that depends only on its inputs, so any hour can be generated alone, in any order.
export function streamFor(seed: number, keyId: string, timeMs: number, salt = 0): () => number {
  let h = mix32(seed, hashString(keyId));
  h = mix32(h, Math.floor(timeMs / 4294967296)); // ms timestamps exceed 32 bits
  h = mix32(h, timeMs % 4294967296);
  return mulberry32(mix32(h, salt));
}

function poisson(lambda: number, rand: () => number): number {
  if (lambda <= 0) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0;
    for (let p = rand(); p > limit; p *= rand()) k++;
    return k;
  }
  // Normal approximation: exact enough for counts this large, and O(1).
  const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function localClock(timeZone: string, ms: number): { hour: number; weekend: boolean } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  let hour = 0;
  let weekend = false;
  for (const part of f.formatToParts(ms)) {
    if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'weekday') weekend = part.value === 'Sat' || part.value === 'Sun';
  }
  return { hour, weekend };
}

export function expectedRequests(profile: DemoTrafficProfile, hourStartMs: number): number {
  const { hour, weekend } = localClock(profile.timezone, hourStartMs);
  return profile.baseRequestsPerHour * (SHAPES[profile.shape][hour] ?? 0) * (weekend ? profile.weekendFactor : 1);
}

type Cell = { model: DemoModel; region: string; share: number };
const cellCache = new WeakMap<DemoTrafficProfile, readonly Cell[]>();
function cellsOf(profile: DemoTrafficProfile): readonly Cell[] {
  let cells = cellCache.get(profile);
  if (!cells) {
    const models = Object.entries(profile.models) as [DemoModel, number][];
    const regions = Object.entries(profile.regions);
    const mTotal = models.reduce((s, [, w]) => s + w, 0);
    const rTotal = regions.reduce((s, [, w]) => s + w, 0);
    cells = models.flatMap(([model, mw]) =>
      regions.map(([region, rw]) => ({ model, region, share: (mw / mTotal) * (rw / rTotal) })),
    );
    cellCache.set(profile, cells);
  }
  return cells;
}

type FullCell = { model: DemoModel; region: string; requests: number; uncached: number; cached: number; output: number };

function fullHour(key: DemoKey, hourStartMs: number, seed: number): FullCell[] {
  const profile = key.traffic;
  const dayRand = streamFor(seed, key.providerKeyId, Math.floor(hourStartMs / DAY_MS) * DAY_MS, SALT.day);
  // Days differ by up to +-15% so week-over-week charts are not suspiciously smooth.
  const lambda = expectedRequests(profile, hourStartMs) * (0.85 + 0.3 * dayRand());
  const rand = streamFor(seed, key.providerKeyId, hourStartMs, SALT.hour);
  const out: FullCell[] = [];
  for (const cell of cellsOf(profile)) {
    const requests = poisson(lambda * cell.share, rand);
    if (requests === 0) continue;
    const draws = Math.min(requests, MAX_TOKEN_SAMPLES);
    let context = 0;
    let output = 0;
    for (let i = 0; i < draws; i++) {
      const t = sampleTokens(profile.workload, rand(), rand());
      context += t.context;
      output += t.generated;
    }
    const scale = requests / draws;
    context = Math.round(context * scale);
    const hitRate = Math.min(1, profile.cacheHitFraction * (0.8 + 0.4 * rand()));
    const cached = Math.round(context * hitRate);
    out.push({ ...cell, requests, uncached: context - cached, cached, output: Math.round(output * scale) });
  }
  return out;
}

export function demoUsageForHour(key: DemoKey, hourStartMs: number, seed: number): DemoUsageRow[] {
  if (hourStartMs + HOUR_MS <= Date.parse(key.providerCreatedAt)) return [];
  const rows = fullHour(key, hourStartMs, seed).map((c) => {
    const tokens = { inputTokens: c.uncached, cachedInputTokens: c.cached, outputTokens: c.output };
    return { model: c.model, region: c.region, requests: c.requests, ...tokens, costUsd: demoCostUsd(c.model, tokens) };
  });
  if (!key.episodes?.length) return rows;
  // Episode minutes summed into the hour, so an hour is always the sum of its minutes.
  const byCell = new Map<string, DemoUsageRow>(rows.map((r) => [`${r.model}\0${r.region}`, r]));
  for (let m = 0; m < 60; m++) {
    for (const e of episodeRows(key, hourStartMs + m * MINUTE_MS, seed)) {
      const cell = byCell.get(`${e.model}\0${e.region}`);
      if (!cell) byCell.set(`${e.model}\0${e.region}`, { ...e });
      else {
        cell.requests += e.requests;
        cell.inputTokens += e.inputTokens;
        cell.cachedInputTokens += e.cachedInputTokens;
        cell.outputTokens += e.outputTokens;
        cell.costUsd += e.costUsd;
      }
    }
  }
  return [...byCell.values()];
}

/** The planted episodes' usage in one minute (none outside their windows). */
function episodeRows(key: DemoKey, minuteMs: number, seed: number): DemoUsageRow[] {
  const rows: DemoUsageRow[] = [];
  for (const e of key.episodes ?? []) {
    if (minuteMs < e.startMs || minuteMs >= e.endMs) continue;
    const rand = streamFor(seed, key.providerKeyId, minuteMs, SALT.episode);
    const requests = poisson(e.requestsPerMinute, rand);
    if (requests === 0) continue;
    const draws = Math.min(requests, EPISODE_TOKEN_SAMPLES);
    let context = 0;
    let output = 0;
    for (let i = 0; i < draws; i++) {
      const t = sampleTokens(key.traffic.workload, rand(), rand());
      context += t.context;
      output += t.generated;
    }
    const tokens = { inputTokens: Math.round((context * requests) / draws), cachedInputTokens: 0, outputTokens: Math.round((output * requests) / draws) };
    rows.push({ model: e.model, region: e.region, requests, ...tokens, costUsd: demoCostUsd(e.model, tokens) });
  }
  return rows;
}

// The same hour minute by minute (60 lists): what a provider's 1-minute buckets would show.
// The minutes add up to demoUsageForHour(key, hour, seed) exactly, field by field.
export function demoUsageByMinute(key: DemoKey, hourStartMs: number, seed: number): DemoUsageRow[][] {
  const minutes: DemoUsageRow[][] = Array.from({ length: 60 }, () => []);
  if (hourStartMs + HOUR_MS <= Date.parse(key.providerCreatedAt)) return minutes;
  const rand = streamFor(seed, key.providerKeyId, hourStartMs, SALT.minutes);
  const weights = Array.from({ length: 60 }, () => 0.5 + rand());
  const total = weights.reduce((s, w) => s + w, 0);
  const cumulative = [0];
  for (const w of weights) cumulative.push(cumulative[cumulative.length - 1]! + w);
  for (const c of fullHour(key, hourStartMs, seed)) {
    let prev = { requests: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 };
    // A random phase per cell: without it a cell's few requests would all round down to
    // the hour's last minute, and every quiet key would burst at :59.
    const phase = rand();
    for (let m = 0; m < 60; m++) {
      const requests = m === 59 ? c.requests : Math.min(c.requests, Math.floor((c.requests * cumulative[m + 1]!) / total + phase));
      const part = requests / c.requests;
      const upTo = {
        requests,
        inputTokens: m === 59 ? c.uncached : Math.floor(c.uncached * part),
        cachedInputTokens: m === 59 ? c.cached : Math.floor(c.cached * part),
        outputTokens: m === 59 ? c.output : Math.floor(c.output * part),
      };
      if (upTo.requests > prev.requests) {
        const tokens = {
          inputTokens: upTo.inputTokens - prev.inputTokens,
          cachedInputTokens: upTo.cachedInputTokens - prev.cachedInputTokens,
          outputTokens: upTo.outputTokens - prev.outputTokens,
        };
        minutes[m]!.push({ model: c.model, region: c.region, requests: upTo.requests - prev.requests, ...tokens, costUsd: demoCostUsd(c.model, tokens) });
      }
      prev = upTo;
    }
  }
  if (key.episodes?.length) for (let m = 0; m < 60; m++) minutes[m]!.push(...episodeRows(key, hourStartMs + m * MINUTE_MS, seed));
  return minutes;
}

// Every full hour in [fromMs, toMs), for every key.
export function demoUsageForRange(keys: readonly DemoKey[], fromMs: number, toMs: number, seed: number): DemoUsageBucket[] {
  const buckets: DemoUsageBucket[] = [];
  for (const key of keys) {
    for (let h = Math.ceil(fromMs / HOUR_MS) * HOUR_MS; h + HOUR_MS <= toMs; h += HOUR_MS) {
      for (const row of demoUsageForHour(key, h, seed)) {
        buckets.push({ providerKeyId: key.providerKeyId, bucketStartMs: h, ...row });
      }
    }
  }
  return buckets;
}
