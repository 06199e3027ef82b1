import { zoneOffsets } from './zone-offsets';

// Maps a UTC instant to the team's local hour-of-week, from the zone's offsets (Intl once
// per UTC day, zone-offsets.ts). Pure: the zone is an argument, nothing reads the clock.

export interface LocalSlot {
  /** 0 = Monday 00:00-01:00 local ... 167 = Sunday 23:00-24:00 local. */
  hourOfWeek: number;
  /** 0-23 local. */
  hourOfDay: number;
  /** Local wall time, `YYYY-MM-DD HH:mm` (the zone is the caller's). */
  localTime: string;
}

const QUARTER_MS = 15 * 60_000;
const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/** Hour of week (0 = Monday 00:00) of a local wall time given as ms since 1970-01-01T00:00 local. */
function hourOfWeekAt(localMs: number): number {
  const day = Math.floor(localMs / DAY_MS);
  // 1970-01-01 was a Thursday (3 with Monday as 0).
  return ((((day + 3) % 7) + 7) % 7) * 24 + Math.floor((localMs - day * DAY_MS) / HOUR_MS);
}

/** The local hour of week of each of `count` consecutive hours from `fromMs` (a chart's replay). */
export function hoursOfWeek(timezone: string, fromMs: number, count: number): Uint8Array {
  const offsets = zoneOffsets(timezone);
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const t = fromMs + i * HOUR_MS;
    out[i] = hourOfWeekAt(t + offsets.at(t));
  }
  return out;
}

export function createLocalClock(timezone: string): (epochMs: number) => LocalSlot {
  const offsets = zoneOffsets(timezone);
  type Quarter = { hourOfWeek: number; hour: number; date: string; quarterMinute: number };
  const cache = new Map<number, Quarter>();
  return (epochMs) => {
    const quarter = Math.floor(epochMs / QUARTER_MS);
    let q = cache.get(quarter);
    if (!q) {
      const localMs = quarter * QUARTER_MS + offsets.at(quarter * QUARTER_MS);
      const local = new Date(localMs);
      q = { hourOfWeek: hourOfWeekAt(localMs), hour: local.getUTCHours(), date: local.toISOString().slice(0, 10), quarterMinute: local.getUTCMinutes() };
      if (cache.size > 4096) cache.clear();
      cache.set(quarter, q);
    }
    const minute = q.quarterMinute + Math.floor((epochMs - quarter * QUARTER_MS) / 60_000);
    return {
      hourOfWeek: q.hourOfWeek,
      hourOfDay: q.hour,
      localTime: `${q.date} ${String(q.hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
    };
  };
}
