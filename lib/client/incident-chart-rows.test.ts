import { describe, expect, it } from 'vitest';
import type { IncidentSeries } from '@/lib/incidents/incident-schemas';
import { formatCostTick, isIncidentSeriesEmpty, stepWord, timeTicks, toIncidentChart } from './incident-chart-rows';

const T0 = Date.UTC(2025, 10, 23, 12, 0);
const MIN = 60_000;

function series(count: number, stepSeconds = 60, expectedUsd: number | null = 0.5): IncidentSeries {
  return {
    stepSeconds,
    from: new Date(T0).toISOString(),
    to: new Date(T0 + count * stepSeconds * 1000).toISOString(),
    points: Array.from({ length: count }, (_, i) => ({ t: new Date(T0 + i * stepSeconds * 1000).toISOString(), costUsd: i, requests: 2 * i })),
    expectedUsd,
  };
}

describe('toIncidentChart', () => {
  it('turns points into epoch rows and shades the opening bucket to the end of the last one', () => {
    const chart = toIncidentChart(series(180), { openedAt: new Date(T0 + 120 * MIN + 20_000).toISOString(), lastSeenAt: new Date(T0 + 130 * MIN).toISOString() });
    expect(chart.rows[1]).toEqual({ t: T0 + MIN, costUsd: 1, requests: 2 });
    expect(chart.domain).toEqual([T0, T0 + 179 * MIN]);
    expect(chart.window).toEqual({ x1: T0 + 120 * MIN, x2: T0 + 131 * MIN });
    expect(chart.expectedUsd).toBe(0.5);
    expect(chart.stepMs).toBe(MIN);
  });

  it('clamps the window to the points shown', () => {
    const chart = toIncidentChart(series(10), { openedAt: new Date(T0 - 5 * MIN).toISOString(), lastSeenAt: new Date(T0 + 30 * MIN).toISOString() });
    expect(chart.window).toEqual({ x1: T0, x2: T0 + 9 * MIN });
  });

  it('has no window when the incident is outside the points', () => {
    const chart = toIncidentChart(series(10), { openedAt: new Date(T0 + 60 * MIN).toISOString(), lastSeenAt: new Date(T0 + 61 * MIN).toISOString() });
    expect(chart.window).toBeNull();
  });

  it('keeps a missing expectation missing', () => {
    expect(toIncidentChart(series(3, 3600, null), { openedAt: new Date(T0).toISOString(), lastSeenAt: new Date(T0).toISOString() }).expectedUsd).toBeNull();
  });
});

describe('timeTicks', () => {
  it.each([
    [[T0 + 3 * MIN, T0 + 63 * MIN], 10 * MIN, 6],
    [[T0, T0 + 180 * MIN], 30 * MIN, 7],
    [[T0, T0 + 26 * 60 * MIN], 6 * 60 * MIN, 5],
    [[T0, T0], 5 * MIN, 1],
  ] as const)('%j', (domain, interval, count) => {
    const { ticks, intervalMs } = timeTicks(domain);
    expect(intervalMs).toBe(interval);
    expect(ticks).toHaveLength(count);
    expect(ticks.every((t) => t % interval === 0 && t >= domain[0] && t <= domain[1])).toBe(true);
  });
});

describe('stepWord', () => {
  it.each([
    [60, 'minute'],
    [3600, 'hour'],
    [300, '5 minutes'],
    [7200, '2 hours'],
    [45, '45 seconds'],
  ])('%s -> %s', (seconds, word) => {
    expect(stepWord(seconds)).toBe(word);
  });
});

describe('isIncidentSeriesEmpty', () => {
  it.each([
    [series(0), true],
    [series(1), false],
  ])('%#', (input, expected) => {
    expect(isIncidentSeriesEmpty(input)).toBe(expected);
  });
});

describe('formatCostTick', () => {
  it.each([
    [0, '$0'],
    [0.055, '$0.055'],
    [0.165, '$0.165'],
    [0.22, '$0.22'],
    [0.0025, '$0.0025'],
    [1.5, '$1.50'],
    [40, '$40'],
    [1234, '$1.2K'],
  ])('%s -> %s', (amount, text) => {
    expect(formatCostTick(amount)).toBe(text);
  });
});
