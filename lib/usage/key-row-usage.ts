import { monthStartUtc } from './usage-series';

// Pure: the figures of one row of the keys table (month to date, a 14-day sparkline, the
// last 7 days against the 7 before) from daily costs per key and source. A key's figures
// come from its provider rows when it has any in the window, else from ingested events:
// a gateway describes the same requests the provider counts, so the two are never added.

const DAY = 86_400_000;
export const SPARKLINE_DAYS = 14;

export type KeyRowWindow = {
  /** Start of everything read; a key's source is chosen over [fromMs, now). */
  fromMs: number;
  monthStartMs: number;
  sparklineFromMs: number;
  last7FromMs: number;
  previous7FromMs: number;
};

export function keyRowWindow(nowMs: number): KeyRowWindow {
  const monthStartMs = monthStartUtc(nowMs);
  const previous7FromMs = nowMs - 14 * DAY;
  return {
    fromMs: Math.min(monthStartMs, previous7FromMs),
    monthStartMs,
    sparklineFromMs: Math.floor(nowMs / DAY) * DAY - (SPARKLINE_DAYS - 1) * DAY,
    last7FromMs: nowMs - 7 * DAY,
    previous7FromMs,
  };
}

export type DailyCostRow = { key_id: string; source: string; day: number; cost: number; last7: number; previous7: number };
export type KeyUsage = {
  monthToDateUsd: number;
  sparkline: number[];
  trend: { last7dUsd: number; previous7dUsd: number; change: number | null };
};

export function emptyKeyUsage(): KeyUsage {
  return { monthToDateUsd: 0, sparkline: new Array<number>(SPARKLINE_DAYS).fill(0), trend: { last7dUsd: 0, previous7dUsd: 0, change: null } };
}

export function summarizeKeyUsage(rows: readonly DailyCostRow[], w: KeyRowWindow): Map<string, KeyUsage> {
  const withProvider = new Set(rows.filter((r) => r.source === 'provider').map((r) => r.key_id));
  const result = new Map<string, KeyUsage>();
  for (const r of rows) {
    if (r.source !== (withProvider.has(r.key_id) ? 'provider' : 'ingest')) continue;
    let usage = result.get(r.key_id);
    if (!usage) result.set(r.key_id, (usage = emptyKeyUsage()));
    if (r.day >= w.monthStartMs) usage.monthToDateUsd += r.cost;
    const i = Math.round((r.day - w.sparklineFromMs) / DAY);
    if (i >= 0 && i < SPARKLINE_DAYS) usage.sparkline[i]! += r.cost;
    usage.trend.last7dUsd += r.last7;
    usage.trend.previous7dUsd += r.previous7;
  }
  for (const usage of result.values()) {
    const { last7dUsd, previous7dUsd } = usage.trend;
    usage.trend.change = previous7dUsd > 0 ? (last7dUsd - previous7dUsd) / previous7dUsd : null;
  }
  return result;
}
