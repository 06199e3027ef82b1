import type { UsageSeries } from '@/lib/usage/overview-schemas';

/** One Recharts row per point. Values sit under `v0`, `v1`… because Recharts reads a dotted dataKey as a path and environment names are free text. */
export type ChartRow = { t: string } & Record<`v${number}`, number>;

export function seriesDataKey(index: number): `v${number}` {
  return `v${index}`;
}

/** The environment index behind a dataKey made by seriesDataKey; -1 for anything else. */
export function seriesIndex(dataKey: unknown): number {
  const match = typeof dataKey === 'string' ? /^v(\d+)$/.exec(dataKey) : null;
  return match ? Number(match[1]) : -1;
}

export function toChartRows(series: UsageSeries): ChartRow[] {
  return series.points.map((point) => {
    const row: ChartRow = { t: point.t };
    series.environments.forEach((_, i) => {
      row[seriesDataKey(i)] = point.values[i] ?? 0;
    });
    return row;
  });
}

/** True when there is nothing to draw: no environments, no points, or only zeros. */
export function isSeriesEmpty(series: UsageSeries): boolean {
  return series.environments.length === 0 || series.points.every((point) => point.values.every((value) => value === 0));
}
