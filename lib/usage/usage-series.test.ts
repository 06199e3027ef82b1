import { describe, expect, it } from 'vitest';
import { buildSeries, lastMonthSameDayWindow, monthStartUtc, seriesWindow } from './usage-series';

const at = (iso: string) => Date.parse(iso);

describe('seriesWindow', () => {
  it.each([
    ['24h', '2026-03-10T10:30:00Z', '2026-03-09T11:00:00Z', '2026-03-10T11:00:00Z', 3600],
    ['7d', '2026-03-10T10:30:00Z', '2026-03-03T11:00:00Z', '2026-03-10T11:00:00Z', 3600],
    ['30d', '2026-03-10T10:30:00Z', '2026-02-09T00:00:00Z', '2026-03-11T00:00:00Z', 86400],
    ['90d', '2026-03-10T00:00:00Z', '2025-12-11T00:00:00Z', '2026-03-11T00:00:00Z', 86400],
  ] as const)('%s at %s', (range, now, from, to, step) => {
    const w = seriesWindow(range, at(now));
    expect(new Date(w.fromMs).toISOString()).toBe(new Date(from).toISOString());
    expect(new Date(w.toMs).toISOString()).toBe(new Date(to).toISOString());
    expect(w.stepMs / 1000).toBe(step);
  });
});

describe('buildSeries', () => {
  const window = { fromMs: at('2026-03-01T00:00:00Z'), toMs: at('2026-03-04T00:00:00Z'), stepMs: 86_400_000 };
  const row = (t: string, environment: string, cost: number) => ({ t: new Date(t), environment, cost, tokens: cost * 1000, requests: 1 });

  it('fills missing steps with zeros and orders environments by total', () => {
    const s = buildSeries(
      [row('2026-03-01T00:00:00Z', 'staging', 1), row('2026-03-03T00:00:00Z', 'production', 5), row('2026-03-03T00:00:00Z', 'staging', 2)],
      '30d',
      'cost',
      window,
    );
    expect(s.environments).toEqual(['production', 'staging']);
    expect(s.points.map((p) => p.values)).toEqual([[0, 1], [0, 0], [5, 2]]);
    expect(s.points[1]!.t).toBe('2026-03-02T00:00:00.000Z');
  });

  it('picks the unit and drops rows outside the window', () => {
    const s = buildSeries([row('2026-03-02T00:00:00Z', 'production', 2), row('2026-03-09T00:00:00Z', 'production', 9)], '30d', 'tokens', window);
    expect(s.points.map((p) => p.values[0])).toEqual([0, 2000, 0]);
  });

  it('is empty but dense when there is no usage', () => {
    const s = buildSeries([], '30d', 'cost', window);
    expect(s.environments).toEqual([]);
    expect(s.points).toHaveLength(3);
  });
});

describe('month windows', () => {
  it.each([
    ['2026-03-10T12:00:00Z', '2026-03-01T00:00:00Z', '2026-02-01T00:00:00Z', '2026-02-10T12:00:00Z'],
    ['2026-03-31T23:00:00Z', '2026-03-01T00:00:00Z', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z'],
    ['2026-01-15T00:00:00Z', '2026-01-01T00:00:00Z', '2025-12-01T00:00:00Z', '2025-12-15T00:00:00Z'],
  ])('at %s', (now, month, from, to) => {
    expect(new Date(monthStartUtc(at(now))).toISOString()).toBe(new Date(month).toISOString());
    const w = lastMonthSameDayWindow(at(now));
    expect(new Date(w.fromMs).toISOString()).toBe(new Date(from).toISOString());
    expect(new Date(w.toMs).toISOString()).toBe(new Date(to).toISOString());
  });
});
