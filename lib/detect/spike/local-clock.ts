// Maps a UTC instant to the team's local hour-of-week. Intl is slow, so results are cached
// per quarter hour (every real UTC offset is a multiple of 15 minutes, so a cached quarter
// never straddles an offset change). Pure: the zone is an argument, nothing reads the clock.

export interface LocalSlot {
  /** 0 = Monday 00:00-01:00 local ... 167 = Sunday 23:00-24:00 local. */
  hourOfWeek: number;
  /** 0-23 local. */
  hourOfDay: number;
  /** Local wall time, `YYYY-MM-DD HH:mm` (the zone is the caller's). */
  localTime: string;
}

const QUARTER_MS = 15 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

export function createLocalClock(timezone: string): (epochMs: number) => LocalSlot {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  type Quarter = { dow: number; hour: number; date: string; quarterMinute: number };
  const intlQuarter = (quarterMs: number): Quarter => {
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(quarterMs)) parts[p.type] = p.value;
    return {
      dow: WEEKDAYS[parts.weekday ?? ''] ?? 0,
      hour: Number(parts.hour),
      date: `${parts.year}-${parts.month}-${parts.day}`,
      quarterMinute: Number(parts.minute),
    };
  };
  // The zone's offset is the same at both ends of most days; then every quarter of that UTC
  // day is plain arithmetic, and Intl runs twice a day instead of once per new quarter
  // (an hourly replay of 118 days: 236 calls instead of 2,832). A day with a transition
  // keeps asking Intl. (No zone changes its offset and back within one day.)
  const offsetAt = (quarterMs: number) => {
    const q = intlQuarter(quarterMs);
    const [y, m, d] = q.date.split('-').map(Number);
    return Date.UTC(y!, m! - 1, d!, q.hour, q.quarterMinute) - quarterMs;
  };
  const dayOffsets = new Map<number, number | null>();
  const dayOffset = (day: number) => {
    let offset = dayOffsets.get(day);
    if (offset === undefined) {
      const first = offsetAt(day * DAY_MS);
      offset = first === offsetAt((day + 1) * DAY_MS - QUARTER_MS) ? first : null;
      if (dayOffsets.size > 4096) dayOffsets.clear();
      dayOffsets.set(day, offset);
    }
    return offset;
  };
  const cache = new Map<number, Quarter>();
  return (epochMs) => {
    const quarter = Math.floor(epochMs / QUARTER_MS);
    let q = cache.get(quarter);
    if (!q) {
      const offset = dayOffset(Math.floor(epochMs / DAY_MS));
      if (offset === null) q = intlQuarter(quarter * QUARTER_MS);
      else {
        const local = new Date(quarter * QUARTER_MS + offset);
        q = { dow: (local.getUTCDay() + 6) % 7, hour: local.getUTCHours(), date: local.toISOString().slice(0, 10), quarterMinute: local.getUTCMinutes() };
      }
      if (cache.size > 4096) cache.clear();
      cache.set(quarter, q);
    }
    const minute = q.quarterMinute + Math.floor((epochMs - quarter * QUARTER_MS) / 60_000);
    return {
      hourOfWeek: q.dow * 24 + q.hour,
      hourOfDay: q.hour,
      localTime: `${q.date} ${String(q.hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
    };
  };
}
