import type { IncidentSeries } from '@/lib/incidents/incident-schemas';
import { formatUsdTick } from '@/lib/client/format';

/** One point per step; `t` is epoch ms so the incident window can sit between points. */
export type IncidentChartRow = { t: number; costUsd: number; requests: number };

export type IncidentChartModel = {
  rows: IncidentChartRow[];
  stepMs: number;
  /** [first point, last point], epoch ms. */
  domain: [number, number];
  /** Expected cost per step at the opening bucket; null when the detector had none. */
  expectedUsd: number | null;
  /** From the opening bucket to the end of the last bucket with a finding, clamped to the domain. */
  window: { x1: number; x2: number } | null;
};

export function toIncidentChart(series: IncidentSeries, incident: { openedAt: string; lastSeenAt: string }): IncidentChartModel {
  const stepMs = series.stepSeconds * 1000;
  const rows = series.points.map((p) => ({ t: Date.parse(p.t), costUsd: p.costUsd, requests: p.requests })).filter((r) => Number.isFinite(r.t));
  const first = rows[0]?.t ?? Date.parse(series.from);
  const last = rows.at(-1)?.t ?? Date.parse(series.to);
  const domain: [number, number] = [first, last];
  const opened = Date.parse(incident.openedAt);
  const lastSeen = Date.parse(incident.lastSeenAt);
  let window: IncidentChartModel['window'] = null;
  if (Number.isFinite(opened) && Number.isFinite(lastSeen) && stepMs > 0) {
    const x1 = Math.max(first, Math.floor(opened / stepMs) * stepMs);
    const x2 = Math.min(last, Math.floor(Math.max(lastSeen, opened) / stepMs) * stepMs + stepMs);
    if (x1 <= x2) window = { x1, x2 };
  }
  return { rows, stepMs, domain, expectedUsd: series.expectedUsd, window };
}

/** "minute", "hour", "5 minutes": the width of one point, for labels. */
export function stepWord(stepSeconds: number): string {
  if (stepSeconds === 60) return 'minute';
  if (stepSeconds === 3600) return 'hour';
  if (stepSeconds === 86_400) return 'day';
  if (stepSeconds % 3600 === 0) return `${stepSeconds / 3600} hours`;
  if (stepSeconds % 60 === 0) return `${stepSeconds / 60} minutes`;
  return `${stepSeconds} seconds`;
}

export function isIncidentSeriesEmpty(series: IncidentSeries): boolean {
  return series.points.length === 0;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const TICK_INTERVALS = [5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR, 48 * HOUR, 7 * 24 * HOUR];

/** Round times (every 15 min, every 3 h…) across the domain, at most `maxTicks` of them. */
export function timeTicks(domain: readonly [number, number], maxTicks = 8): { ticks: number[]; intervalMs: number } {
  const [from, to] = domain;
  const span = Math.max(0, to - from);
  const intervalMs = TICK_INTERVALS.find((i) => span / i <= maxTicks) ?? TICK_INTERVALS.at(-1)!;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / intervalMs) * intervalMs; t <= to; t += intervalMs) ticks.push(t);
  return { ticks, intervalMs };
}

const smallUsd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumSignificantDigits: 3 });

/** Y-axis ticks for per-minute costs, which are often cents: "$0.055", not a rounded "$0.06". */
export function formatCostTick(amount: number): string {
  return amount !== 0 && Math.abs(amount) < 1 ? smallUsd.format(amount) : formatUsdTick(amount);
}
