import type { UsageWindow } from '@/lib/providers/provider';

// Which windows to pull, at which width. Pure: `now` and cursors are arguments.
//
// Recent usage is kept in 1-minute buckets (what detection needs); older usage in 1-hour
// buckets. An hour of one key is held at exactly one width, so sums over any range never
// count twice: minute buckets older than MINUTE_RETENTION are rolled up into hours, and a
// backfill writes hours only before that boundary.

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const MINUTE_RETENTION_MS = 8 * DAY;
// Providers fill and revise recent minutes for a while; every pull re-reads this much.
export const RECENT_OVERLAP_MS = 15 * MINUTE;
// The hourly re-read covers this much, for revisions that come later still.
export const REREAD_SPAN_MS = 3 * DAY;
// A connection that was down longer than this catches up by backfill, not by the minute job.
export const MAX_CATCH_UP_MS = DAY;

export const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;

// The boundary before which usage is hourly.
export function minuteBoundary(nowMs: number): number {
  return floorTo(nowMs - MINUTE_RETENTION_MS, HOUR);
}

// The minute pull: from the last complete minute stored (minus the overlap) to now.
export function recentWindow(nowMs: number, completeThroughMs: number | null): UsageWindow {
  const endMs = floorTo(nowMs, MINUTE);
  const from = completeThroughMs === null ? endMs - HOUR : completeThroughMs - RECENT_OVERLAP_MS;
  return { startMs: Math.max(from, endMs - MAX_CATCH_UP_MS), endMs, widthSeconds: 60 };
}

export function rereadWindow(nowMs: number): UsageWindow {
  const endMs = floorTo(nowMs, MINUTE);
  return { startMs: Math.max(endMs - REREAD_SPAN_MS, minuteBoundary(nowMs)), endMs, widthSeconds: 60 };
}

// A backfill from `sinceMs` to now: hourly windows before the minute boundary, minute
// windows after it, each at most `chunkMs[width]` long so progress can be saved per chunk.
export function backfillPlan(sinceMs: number, nowMs: number, chunkMs: { hour: number; minute: number }): UsageWindow[] {
  const boundary = minuteBoundary(nowMs);
  const endMs = floorTo(nowMs, MINUTE);
  const windows: UsageWindow[] = [];
  const push = (from: number, to: number, step: number, widthSeconds: 60 | 3600) => {
    for (let s = from; s < to; s += step) windows.push({ startMs: s, endMs: Math.min(s + step, to), widthSeconds });
  };
  const start = floorTo(sinceMs, HOUR);
  if (start < boundary) push(start, boundary, chunkMs.hour, 3600);
  push(Math.max(start, boundary), endMs, chunkMs.minute, 60);
  return windows;
}

// Parses `30d`, `12h`, `90m` or an ISO date into a start time.
export function parseSince(value: string, nowMs: number): number {
  const m = /^(\d+)([dhm])$/.exec(value.trim());
  if (m) return nowMs - Number(m[1]) * { d: DAY, h: HOUR, m: MINUTE }[m[2] as 'd' | 'h' | 'm'];
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new Error(`--since must look like 30d, 12h, 90m or an ISO date, not "${value}"`);
  return t;
}
