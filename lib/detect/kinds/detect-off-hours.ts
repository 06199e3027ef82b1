import { mapsState } from '@/lib/detect/detector-state';
import type { Finding } from '@/lib/detect/eval/finding';
import type { Detector } from '@/lib/detect/eval/replay';
import { createLocalClock, type LocalSlot } from '@/lib/detect/spike/local-clock';
import { DEFAULT_OFF_HOURS_SETTINGS, type OffHoursSettings } from './kind-settings';
import { isWorkingTime } from './working-hours';

// Off-hours (kind 'off_hours'): material usage at a local hour the key is normally idle.
// Each key learns its mean cost per hour for each local hour of the week (168 slots) and of
// the day (24 slots) in the team's zone, so a nightly batch key is busy at 2 a.m. and is
// not paged then, and a daylight-saving change moves nothing. The hour-of-week profile is
// used once it has `readyWeeks` of history (weekends), else the hour-of-day one. A slot is
// idle below `idleShare` of the key's active level (mean of its non-idle hours of day);
// usage pages at `materialShare` of that level, measured over the trailing hour so one
// stray request in a quiet minute is not read as an hourly rate. Only the trailing hour's
// buckets at idle hours count: a nightly batch that ends at 04:00 is not off-hours at 04:01
// because the hour behind that minute was busy. Flagged buckets are not
// learnt. Working hours configured for the environment (optional) add to the profile: inside
// them nothing is off-hours, and outside them a key too new to have a profile is judged
// against them, so a key created today and used at 3 a.m. is not waved through.

const HOD0 = 168;
const SLOTS = 192;
/** Per slot: level (mean cost per hour), count, mean requests per hour. */
const FIELDS = 3;
const REQUESTS = 2;

export function createOffHoursDetector(overrides: Partial<OffHoursSettings> = {}): Detector {
  const s: OffHoursSettings = { ...DEFAULT_OFF_HOURS_SETTINGS, ...overrides };
  const keys = new Map<string, Float64Array>();
  /** Per key, the last hour's buckets: cost, requests and local hour of week, a ring by bucket index. */
  const trailing = new Map<string, Trailing>();
  /** Per key, end of its last bucket with usage (epoch ms). */
  const lastUsed = new Map<string, number>();
  const clocks = new Map<string, (epochMs: number) => LocalSlot>();
  return {
    name: 'off-hours',
    ...mapsState({ keys, trailing, lastUsed }),
    observe(bucket) {
      let clock = clocks.get(bucket.timezone);
      if (!clock) clocks.set(bucket.timezone, (clock = createLocalClock(bucket.timezone)));
      const local = clock(bucket.start);
      const perHour = 3600 / bucket.bucketSeconds;
      const how = local.hourOfWeek * FIELDS;
      const hod = (HOD0 + local.hourOfDay) * FIELDS;
      const findings: Finding[] = [];
      for (const k of bucket.keys) {
        let st = keys.get(k.key);
        if (!st) keys.set(k.key, (st = new Float64Array(SLOTS * FIELDS)));
        const usdPerHour = k.costUsd * perHour;
        let ring = trailing.get(k.key);
        if (!ring) trailing.set(k.key, (ring = createTrailing(Math.max(1, Math.round(perHour)))));
        const pos = bucket.index % ring.hourOfWeek.length;
        ring.costUsd[pos] = k.costUsd;
        ring.requests[pos] = k.requests;
        ring.hourOfWeek[pos] = local.hourOfWeek;
        let flagged = false;
        // Flagged only by the configured hours (no profile yet): still learnt, or a key that
        // really works at night (a new batch) could never build the profile that clears it.
        let learnAnyway = false;
        // Configured working hours: inside them nothing is off-hours; outside them a key
        // whose own profile is not known yet (a new key) counts as idle.
        const working = k.workingHours ? isWorkingTime(k.workingHours, bucket.start) : null;
        ring.outsideHours[pos] = working === false ? 1 : 0;
        if (usdPerHour > 0 && working !== true) {
          const active = activeLevel(st, s.idleShare);
          const slot = profileSlot(st, local.hourOfWeek, perHour, s);
          const configuredIdle = slot < 0 && working === false;
          const idle = configuredIdle || (slot >= 0 && active > 0 && st[slot]! < s.idleShare * active);
          const { hourUsd, hourRequests } = idle ? idleHour(ring, st, perHour, configuredIdle ? null : active, s) : NOTHING;
          // A few requests at an hour that sees a few now and then are not news: the count must
          // also stand out from the slot's own, as Poisson counts would.
          const usualRequests = slot >= 0 ? st[slot + REQUESTS]! : 0;
          const enough = (hourUsd >= s.minUsdPerHour || hourRequests >= s.minRequestsPerHour) && beyondCountNoise(hourRequests, usualRequests, s.countZ);
          if (idle && enough && (configuredIdle || hourUsd >= Math.max(s.materialShare * active, s.slotMultiple * st[slot]!))) {
            flagged = true;
            learnAnyway = configuredIdle;
            findings.push({
              key: k.key,
              kind: 'off_hours',
              severity: hourUsd >= active ? 'error' : 'warning',
              summary: configuredIdle
                ? `$${hourUsd.toFixed(2)}/h at ${local.localTime} local, outside the environment's working hours (a key with no usage profile yet)`
                : `$${hourUsd.toFixed(2)}/h at ${local.localTime} local, an hour this key is normally idle ($${st[slot]!.toFixed(2)}/h usual, $${active.toFixed(2)}/h when active)`,
              evidence: {
                observedUsd: k.costUsd,
                usdPerHour: hourUsd,
                bucketUsdPerHour: usdPerHour,
                requestsPerHour: hourRequests,
                usualUsdPerHour: slot >= 0 ? st[slot] : null,
                activeUsdPerHour: active,
                profile: configuredIdle ? 'working_hours' : slot === how ? 'hour_of_week' : 'hour_of_day',
                localTime: local.localTime,
                hourOfWeek: local.hourOfWeek,
              },
            });
          }
        }
        const used = k.requests > 0 || k.costUsd > 0;
        const inService = used || bucket.start - (lastUsed.get(k.key) ?? -Infinity) < s.inServiceHours * 3_600_000;
        if (used) lastUsed.set(k.key, bucket.start + bucket.bucketSeconds * 1000);
        // Feedback: a leak or planned one-off is never learnt; expected usage always is.
        const learnable = k.baseline === 'include' || ((!flagged || learnAnyway) && k.baseline !== 'exclude');
        if (learnable && inService) {
          learn(st, how, usdPerHour, k.requests * perHour);
          learn(st, hod, usdPerHour, k.requests * perHour);
        }
      }
      return findings;
    },
  };
}

/** `outsideHours`: 1 where the environment's configured working hours did not cover the bucket. */
type Trailing = { costUsd: Float64Array; requests: Float64Array; hourOfWeek: Uint8Array; outsideHours: Uint8Array };

function createTrailing(size: number): Trailing {
  return { costUsd: new Float64Array(size), requests: new Float64Array(size), hourOfWeek: new Uint8Array(size), outsideHours: new Uint8Array(size) };
}

const NOTHING = { hourUsd: 0, hourRequests: 0 };

/** The slot a local hour of week is judged by: its own once it has `readyWeeks`, else its hour of day once that has `readyDays`, else none (-1). */
function profileSlot(st: Float64Array, hourOfWeek: number, perHour: number, s: OffHoursSettings): number {
  const how = hourOfWeek * FIELDS;
  const hod = (HOD0 + (hourOfWeek % 24)) * FIELDS;
  return st[how + 1]! >= s.readyWeeks * perHour ? how : st[hod + 1]! >= s.readyDays * perHour ? hod : -1;
}

/**
 * Cost and requests per hour over the trailing hour's buckets at idle hours: hours the key's
 * profile knows to be idle, or, judged by the configured hours alone (`active` null: the key has
 * no profile yet), hours outside them.
 */
function idleHour(ring: Trailing, st: Float64Array, perHour: number, active: number | null, s: OffHoursSettings): { hourUsd: number; hourRequests: number } {
  let usd = 0;
  let requests = 0;
  for (let i = 0; i < ring.hourOfWeek.length; i++) {
    if (ring.costUsd[i] === 0 && ring.requests[i] === 0) continue;
    if (active === null) {
      if (ring.outsideHours[i] === 0) continue;
    } else {
      const slot = profileSlot(st, ring.hourOfWeek[i]!, perHour, s);
      if (slot < 0 || st[slot]! >= s.idleShare * active) continue;
    }
    usd += ring.costUsd[i]!;
    requests += ring.requests[i]!;
  }
  const scale = perHour / ring.hourOfWeek.length;
  return { hourUsd: usd * scale, hourRequests: requests * scale };
}

/** Running mean of a slot; enough for a profile that only asks "idle or not". */
function learn(st: Float64Array, at: number, x: number, requests: number): void {
  const n = st[at + 1]! + 1;
  st[at + 1] = n;
  st[at] = st[at]! + (x - st[at]!) / n;
  st[at + REQUESTS] = st[at + REQUESTS]! + (requests - st[at + REQUESTS]!) / n;
}

/** Whether `x` requests are beyond the noise of a Poisson count around `usual`, on the square-root scale. */
function beyondCountNoise(x: number, usual: number, z: number): boolean {
  return 2 * (Math.sqrt(x + 0.375) - Math.sqrt(usual + 0.375)) >= z;
}

/** Mean cost per hour over the key's non-idle hours of day (0 before any usage). */
function activeLevel(st: Float64Array, idleShare: number): number {
  let peak = 0;
  for (let h = 0; h < 24; h++) peak = Math.max(peak, st[(HOD0 + h) * FIELDS]!);
  let sum = 0;
  let n = 0;
  for (let h = 0; h < 24; h++) {
    const level = st[(HOD0 + h) * FIELDS]!;
    if (level >= idleShare * peak && level > 0) {
      sum += level;
      n++;
    }
  }
  return n > 0 ? sum / n : 0;
}
