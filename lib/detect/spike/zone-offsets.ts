import { wallTimeAt } from '@/lib/detect/wall-time';

// A time zone's offset from UTC, asked of Intl once per UTC day and remembered per zone for
// the life of the process, so that turning instants into local time is arithmetic. Intl is
// slow (building a formatter costs about half a millisecond, each call microseconds), and a
// key chart turns 2,832 hours into local hours on every request. Still pure in effect: the
// offsets are a function of the zone and the instant (the process's tz data).
// Every real offset is a multiple of 15 minutes, and no zone changes its offset and back
// within one day, so a day whose offset is the same at both ends has it throughout; a day
// with a transition is asked per quarter hour.

const QUARTER_MS = 15 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
// Bounds on what is remembered: days per zone (about 55 years), transition-day quarters per
// zone (96 a transition day), and zones (one per team setting; a test may use a dozen).
const MAX_DAYS = 20_000;
const MAX_QUARTERS = 4_096;
const MAX_ZONES = 64;

export interface ZoneOffsets {
  /** Local time minus UTC, in ms, at `epochMs`. */
  at(epochMs: number): number;
}

const zones = new Map<string, ZoneOffsets>();

/** The zone's offsets; throws RangeError for a zone Intl does not know. */
export function zoneOffsets(timezone: string): ZoneOffsets {
  let zone = zones.get(timezone);
  if (!zone) {
    zone = createZoneOffsets(timezone);
    if (zones.size >= MAX_ZONES) zones.clear();
    zones.set(timezone, zone);
  }
  return zone;
}

function createZoneOffsets(timezone: string): ZoneOffsets {
  // Throws RangeError now, for a zone Intl does not know, rather than at the first instant.
  wallTimeAt(0, timezone);
  const intlOffset = (quarterMs: number): number => wallTimeAt(quarterMs, timezone) - quarterMs;
  const days = new Map<number, number | null>();
  const quarters = new Map<number, number>();
  return {
    at(epochMs) {
      const day = Math.floor(epochMs / DAY_MS);
      let offset = days.get(day);
      if (offset === undefined) {
        const first = intlOffset(day * DAY_MS);
        offset = first === intlOffset((day + 1) * DAY_MS - QUARTER_MS) ? first : null;
        if (days.size >= MAX_DAYS) days.clear();
        days.set(day, offset);
      }
      if (offset !== null) return offset;
      const quarter = Math.floor(epochMs / QUARTER_MS);
      let inQuarter = quarters.get(quarter);
      if (inQuarter === undefined) {
        inQuarter = intlOffset(quarter * QUARTER_MS);
        if (quarters.size >= MAX_QUARTERS) quarters.clear();
        quarters.set(quarter, inQuarter);
      }
      return inQuarter;
    },
  };
}
