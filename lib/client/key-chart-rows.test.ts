import { describe, expect, it } from 'vitest';
import type { KeySeries } from '@/lib/keys/key-schemas';
import { hasBand, isKeySeriesEmpty, markerPoints, toKeyChartRows } from './key-chart-rows';

const series = (over: Partial<KeySeries> = {}): KeySeries => ({
  range: '24h',
  unit: 'cost',
  stepSeconds: 3600,
  timezone: 'UTC',
  points: [
    { t: '2026-03-10T10:00:00.000Z', value: 1, expected: 1.2, lower: 0.6, upper: 1.8 },
    { t: '2026-03-10T11:00:00.000Z', value: 9, expected: null, lower: null, upper: null },
  ],
  markers: [],
  ...over,
});

describe('toKeyChartRows', () => {
  it('gives each row a [lower, upper] band, or none', () => {
    expect(toKeyChartRows(series())).toEqual([
      { t: Date.parse('2026-03-10T10:00:00Z'), value: 1, expected: 1.2, band: [0.6, 1.8] },
      { t: Date.parse('2026-03-10T11:00:00Z'), value: 9, expected: null, band: null },
    ]);
  });
});

describe('markerPoints', () => {
  it('puts each incident at its opening time, at the height of its step', () => {
    const s = series({ markers: [{ id: 'i1', openedAt: '2026-03-10T11:42:00.000Z', kind: 'spike', severity: 'error' }] });
    expect(markerPoints(s)).toEqual([{ id: 'i1', openedAt: '2026-03-10T11:42:00.000Z', kind: 'spike', severity: 'error', t: Date.parse('2026-03-10T11:42:00Z'), value: 9 }]);
  });
});

describe('hasBand and isKeySeriesEmpty', () => {
  it.each([
    [series(), true, false],
    [series({ points: series().points.map((p) => ({ ...p, value: 0, expected: null })) }), false, true],
    [series({ points: [{ t: '2026-03-10T10:00:00.000Z', value: 0, expected: null, lower: null, upper: null }], markers: [{ id: 'i', openedAt: '2026-03-10T10:00:00.000Z', kind: 'spike', severity: 'info' }] }), false, false],
  ])('%#', (s, band, empty) => {
    expect(hasBand(s)).toBe(band);
    expect(isKeySeriesEmpty(s)).toBe(empty);
  });
});
