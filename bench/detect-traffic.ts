import { createLocalClock } from '@/lib/detect/spike/local-clock';
import { createPrng, type Prng } from './prng';

// Synthetic hourly usage for the detection benchmark, one key at a time into reusable typed
// arrays, so 10,000 keys x 90 days never sit in memory at once. Each key gets a shape of day,
// a base rate log-uniform over four orders of magnitude, a price and size per request,
// Poisson request counts and a lognormal day-to-day level. About one key in seven gets a few
// planted bursts (a leak by volume or a switch to a pricier model) after four weeks, so the
// detector has something to flag. Deterministic: a key's series depends only on seed and index.

export const SHAPES = ['office', 'always-on', 'nightly-batch', 'developer'] as const;
export type Shape = (typeof SHAPES)[number];

/** Local hour columns of the benchmark's hours, computed once and shared by all keys. */
export interface Calendar {
  start: number;
  hours: number;
  timezone: string;
  /** 0 = Monday 00:00 local ... 167. */
  hourOfWeek: Uint8Array;
  hourOfDay: Uint8Array;
}

/** Hours from `start` (epoch ms, UTC) in `timezone`. */
export function createCalendar(start: number, hours: number, timezone: string): Calendar {
  const clock = createLocalClock(timezone);
  const hourOfWeek = new Uint8Array(hours);
  const hourOfDay = new Uint8Array(hours);
  for (let i = 0; i < hours; i++) {
    const slot = clock(start + i * 3_600_000);
    hourOfWeek[i] = slot.hourOfWeek;
    hourOfDay[i] = slot.hourOfDay;
  }
  return { start, hours, timezone, hourOfWeek, hourOfDay };
}

/** One key's columns; `planted` marks the hours of a planted burst. */
export interface KeyColumns {
  cost: Float64Array;
  requests: Float64Array;
  tokens: Float64Array;
  planted: Uint8Array;
}

export function createColumns(hours: number): KeyColumns {
  return { cost: new Float64Array(hours), requests: new Float64Array(hours), tokens: new Float64Array(hours), planted: new Uint8Array(hours) };
}

export interface KeyProfile {
  shape: Shape;
  /** Requests per hour at the shape's peak. */
  requestsPerHour: number;
  usdPerRequest: number;
  tokensPerRequest: number;
}

/** Bursts start after this many hours, once the seasonal baselines are ready. */
export const BURST_FROM = 28 * 24;
const PLANTED_KEY_SHARE = 0.15;

const logUniform = (p: Prng, min: number, max: number) => min * (max / min) ** p.next();

/** Writes key `index`'s series for `cal.hours` hours into `cols`; returns its profile. */
export function fillKey(seed: number, index: number, cal: Calendar, cols: KeyColumns): KeyProfile {
  const p = createPrng((seed * 1_000_003 + index * 7_919) >>> 0);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - p.next())) * Math.cos(2 * Math.PI * p.next());
  const poisson = (lambda: number) => {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss()));
    const limit = Math.exp(-lambda);
    let k = 0;
    for (let prod = p.next(); prod > limit; prod *= p.next()) k++;
    return k;
  };
  const shape = p.pick(SHAPES);
  const profile: KeyProfile = {
    shape,
    requestsPerHour: logUniform(p, shape === 'developer' ? 2 : 0.5, shape === 'developer' ? 200 : 5_000),
    usdPerRequest: logUniform(p, 0.0002, 0.05),
    tokensPerRequest: Math.round(logUniform(p, 200, 8_000)),
  };
  const swing = 0.3 + 0.4 * p.next();
  const batchHour = p.int(0, 4);
  const batchHours = p.int(1, 3);
  const bursts = plantBursts(p, cal.hours);
  cols.planted.fill(0);
  let day = 1;
  let session = 0;
  for (let i = 0; i < cal.hours; i++) {
    const how = cal.hourOfWeek[i]!;
    const hod = cal.hourOfDay[i]!;
    const weekday = how < 120;
    if (i === 0 || hod === 0) day = Math.exp(0.15 * gauss());
    let level: number;
    if (shape === 'office') level = weekday ? (hod >= 8 && hod < 18 ? (hod === 12 ? 0.7 : 1) : hod === 7 || hod === 18 ? 0.3 : 0.02) : 0.03;
    else if (shape === 'always-on') level = (1 + swing * Math.cos((2 * Math.PI * (hod - 15)) / 24)) / (1 + swing) * (weekday ? 1 : 0.8);
    else if (shape === 'nightly-batch') level = hod >= batchHour && hod < batchHour + batchHours ? 1 : 0.005;
    else {
      // A developer works in sessions of a few hours on weekdays, and is otherwise silent.
      if (session === 0 && weekday && hod >= 9 && hod < 19 && p.chance(0.08)) session = p.int(1, 4);
      level = session > 0 ? 1 : 0;
      if (session > 0) session--;
    }
    let lambda = profile.requestsPerHour * level * day;
    let price = profile.usdPerRequest;
    const burst = bursts.find((b) => i >= b.from && i < b.from + b.hours);
    if (burst) {
      cols.planted[i] = 1;
      if (burst.kind === 'volume') lambda += burst.multiple * profile.requestsPerHour;
      else price *= burst.multiple;
    }
    const requests = poisson(lambda);
    // A bucket's price per request varies less the more requests it sums.
    const size = requests > 0 ? Math.exp((0.8 * gauss()) / Math.sqrt(requests)) : 0;
    cols.requests[i] = requests;
    cols.cost[i] = requests * price * size;
    cols.tokens[i] = Math.round(requests * profile.tokensPerRequest * size);
  }
  return profile;
}

interface Burst {
  from: number;
  hours: number;
  kind: 'volume' | 'price';
  multiple: number;
}

function plantBursts(p: Prng, hours: number): Burst[] {
  if (hours <= BURST_FROM + 24 || !p.chance(PLANTED_KEY_SHARE)) return [];
  return Array.from({ length: p.int(1, 3) }, () => {
    const kind = p.chance(0.5) ? 'volume' : 'price';
    return { from: p.int(BURST_FROM, hours - 7), hours: p.int(1, 6), kind, multiple: kind === 'volume' ? logUniform(p, 3, 30) : logUniform(p, 5, 20) };
  });
}
