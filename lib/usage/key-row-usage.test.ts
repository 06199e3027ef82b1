import { describe, expect, it } from 'vitest';
import { keyRowWindow, summarizeKeyUsage, type DailyCostRow } from './key-row-usage';

const NOW = Date.parse('2026-03-10T12:30:00Z');
const w = keyRowWindow(NOW);
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const row = (key: string, source: string, iso: string, cost: number, last7 = 0, previous7 = 0): DailyCostRow => ({ key_id: key, source, day: day(iso), cost, last7, previous7 });

describe('keyRowWindow', () => {
  it('reads from the earlier of the month start and two weeks back', () => {
    expect(new Date(w.fromMs).toISOString()).toBe('2026-02-24T12:30:00.000Z');
    expect(new Date(w.monthStartMs).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(new Date(w.sparklineFromMs).toISOString()).toBe('2026-02-25T00:00:00.000Z');
    expect(new Date(keyRowWindow(Date.parse('2026-03-31T10:00:00Z')).fromMs).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });
});

describe('summarizeKeyUsage', () => {
  it('takes provider rows when the key has any, else ingest; never both', () => {
    const figures = summarizeKeyUsage(
      [
        row('a', 'provider', '2026-03-09', 5, 5, 0),
        row('a', 'ingest', '2026-03-09', 4.9, 4.9, 0),
        row('a', 'ingest', '2026-03-08', 1, 1, 0), // a day the provider has not reported: still not mixed in
        row('b', 'ingest', '2026-03-10', 2, 2, 0),
      ],
      w,
    );
    expect(figures.get('a')).toMatchObject({ monthToDateUsd: 5, trend: { last7dUsd: 5, previous7dUsd: 0, change: null } });
    expect(figures.get('b')!.monthToDateUsd).toBe(2);
    expect(figures.get('b')!.sparkline.at(-1)).toBe(2);
  });

  it('lays out 14 days, counts the month and the trend', () => {
    const f = summarizeKeyUsage([row('a', 'provider', '2026-02-25', 3, 0, 3), row('a', 'provider', '2026-03-02', 7, 0, 7), row('a', 'provider', '2026-03-10', 20, 20, 0)], w).get('a')!;
    expect(f.sparkline).toEqual([3, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 20]);
    expect(f.monthToDateUsd).toBe(27);
    expect(f.trend).toEqual({ last7dUsd: 20, previous7dUsd: 10, change: 1 });
  });
});
