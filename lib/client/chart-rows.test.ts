import { describe, expect, it } from 'vitest';
import type { UsageSeries } from '@/lib/usage/overview-schemas';
import { isSeriesEmpty, seriesDataKey, seriesIndex, toChartRows } from './chart-rows';

const series = (environments: string[], points: UsageSeries['points']): UsageSeries => ({
  range: '7d',
  unit: 'cost',
  stepSeconds: 86_400,
  environments,
  points,
});

describe('toChartRows', () => {
  it.each([
    [series([], []), []],
    [series(['prod.eu', 'dev'], [{ t: 'a', values: [1, 2] }]), [{ t: 'a', v0: 1, v1: 2 }]],
    [series(['prod', 'dev'], [{ t: 'a', values: [3] }]), [{ t: 'a', v0: 3, v1: 0 }]],
  ])('%#', (input, expected) => {
    expect(toChartRows(input)).toEqual(expected);
  });
});

describe('isSeriesEmpty', () => {
  it.each([
    [series([], [{ t: 'a', values: [] }]), true],
    [series(['prod'], []), true],
    [series(['prod'], [{ t: 'a', values: [0] }, { t: 'b', values: [0] }]), true],
    [series(['prod'], [{ t: 'a', values: [0] }, { t: 'b', values: [0.01] }]), false],
  ])('%#', (input, expected) => {
    expect(isSeriesEmpty(input)).toBe(expected);
  });
});

describe('seriesIndex', () => {
  it.each([
    [seriesDataKey(0), 0],
    [seriesDataKey(12), 12],
    ['t', -1],
    ['v', -1],
    [3, -1],
    [undefined, -1],
  ])('%j -> %s', (dataKey, expected) => {
    expect(seriesIndex(dataKey)).toBe(expected);
  });
});
