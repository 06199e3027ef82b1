import type { IncidentMarker, KeySeries } from '@/lib/keys/key-schemas';

// Pure: a key series -> Recharts rows. The band is one [lower, upper] pair per row, which
// Recharts draws as a ranged Area; rows without an expectation leave a gap.

export type KeyChartRow = { t: number; value: number; expected: number | null; band: [number, number] | null };
export type MarkerPoint = IncidentMarker & { t: number; value: number };

export function toKeyChartRows(series: KeySeries): KeyChartRow[] {
  return series.points.map((p) => ({
    t: Date.parse(p.t),
    value: p.value,
    expected: p.expected,
    band: p.lower !== null && p.upper !== null ? [p.lower, p.upper] : null,
  }));
}

/** Each incident at its opening time, at the height of the step it opened in (so the dot sits on the line). */
export function markerPoints(series: KeySeries): MarkerPoint[] {
  const step = series.stepSeconds * 1000;
  const byStep = new Map(series.points.map((p) => [Date.parse(p.t), p.value]));
  return series.markers.map((m) => {
    const t = Date.parse(m.openedAt);
    return { ...m, t, value: byStep.get(Math.floor(t / step) * step) ?? 0 };
  });
}

export function hasBand(series: KeySeries): boolean {
  return series.points.some((p) => p.expected !== null);
}

export function isKeySeriesEmpty(series: KeySeries): boolean {
  return series.points.every((p) => p.value === 0) && series.markers.length === 0;
}
