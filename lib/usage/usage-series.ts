import type { Range, Unit, UsageSeries } from './overview-schemas';

// Pure: the window and step for a range, and rows from SQL -> a dense, ordered series.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type SeriesWindow = { fromMs: number; toMs: number; stepMs: number };

export function seriesWindow(range: Range, nowMs: number): SeriesWindow {
  const spec: Record<Range, { span: number; step: number }> = {
    '24h': { span: DAY, step: HOUR },
    '7d': { span: 7 * DAY, step: HOUR },
    '30d': { span: 30 * DAY, step: DAY },
    '90d': { span: 90 * DAY, step: DAY },
  };
  const { span, step } = spec[range];
  // The last step is the one containing `now` (partial); steps are aligned to UTC.
  const toMs = Math.floor(nowMs / step) * step + step;
  return { fromMs: toMs - span, toMs, stepMs: step };
}

export type SeriesRow = { t: Date; environment: string; cost: number; tokens: number; requests: number };

export function buildSeries(rows: SeriesRow[], range: Range, unit: Unit, window: SeriesWindow): UsageSeries {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.environment, (totals.get(r.environment) ?? 0) + r[unit]);
  // Largest environment first: it is drawn at the bottom of the stack.
  const environments = [...totals.keys()].sort((a, b) => (totals.get(b)! - totals.get(a)!) || a.localeCompare(b));
  const envIndex = new Map(environments.map((e, i) => [e, i]));
  const count = Math.round((window.toMs - window.fromMs) / window.stepMs);
  const values = Array.from({ length: count }, () => new Array<number>(environments.length).fill(0));
  for (const r of rows) {
    const i = Math.floor((r.t.getTime() - window.fromMs) / window.stepMs);
    const slot = values[i];
    if (slot) slot[envIndex.get(r.environment)!]! += r[unit];
  }
  return {
    range,
    unit,
    stepSeconds: window.stepMs / 1000,
    environments,
    points: values.map((v, i) => ({ t: new Date(window.fromMs + i * window.stepMs).toISOString(), values: v })),
  };
}

export function monthStartUtc(nowMs: number): number {
  const d = new Date(nowMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

// Last month from its first day to the same elapsed time, capped at its own end
// (on 31 March, "the same day" of February is its last moment).
export function lastMonthSameDayWindow(nowMs: number): { fromMs: number; toMs: number } {
  const thisMonth = monthStartUtc(nowMs);
  const d = new Date(thisMonth);
  const fromMs = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  return { fromMs, toMs: Math.min(fromMs + (nowMs - thisMonth), thisMonth) };
}
