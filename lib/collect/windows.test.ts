import { describe, expect, it } from 'vitest';
import { backfillPlan, DAY, HOUR, MINUTE, minuteBoundary, parseSince, recentWindow, rereadWindow } from './windows';

const NOW = Date.parse('2026-03-10T12:34:56Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('recentWindow', () => {
  it.each([
    ['first pull: the last hour', null, '2026-03-10T11:34:00.000Z'],
    ['re-reads the overlap', Date.parse('2026-03-10T12:30:00Z'), '2026-03-10T12:15:00.000Z'],
    ['catches up at most a day', Date.parse('2026-03-01T00:00:00Z'), '2026-03-09T12:34:00.000Z'],
  ])('%s', (_, cursor, start) => {
    const w = recentWindow(NOW, cursor);
    expect(iso(w.startMs)).toBe(start);
    expect(iso(w.endMs)).toBe('2026-03-10T12:34:00.000Z');
    expect(w.widthSeconds).toBe(60);
  });
});

describe('backfillPlan', () => {
  const plan = backfillPlan(NOW - 30 * DAY, NOW, { hour: 7 * DAY, minute: DAY });

  it('is hourly before the minute boundary and by the minute after it, without gaps or overlaps', () => {
    const boundary = minuteBoundary(NOW);
    expect(iso(boundary)).toBe('2026-03-02T12:00:00.000Z');
    expect(plan.filter((w) => w.widthSeconds === 3600).every((w) => w.endMs <= boundary)).toBe(true);
    expect(plan.filter((w) => w.widthSeconds === 60).every((w) => w.startMs >= boundary)).toBe(true);
    for (let i = 1; i < plan.length; i++) expect(plan[i]!.startMs).toBe(plan[i - 1]!.endMs);
    expect(plan[0]!.startMs % HOUR).toBe(0);
    expect(iso(plan.at(-1)!.endMs)).toBe('2026-03-10T12:34:00.000Z');
  });

  it('keeps every chunk within its size', () => {
    for (const w of plan) expect(w.endMs - w.startMs).toBeLessThanOrEqual(w.widthSeconds === 60 ? DAY : 7 * DAY);
  });

  it('is all minutes for a recent start', () => {
    const recent = backfillPlan(NOW - 2 * DAY, NOW, { hour: 7 * DAY, minute: DAY });
    expect(recent.every((w) => w.widthSeconds === 60)).toBe(true);
  });
});

describe('rereadWindow', () => {
  it('covers three days of minutes', () => {
    const w = rereadWindow(NOW);
    expect(w.endMs - w.startMs).toBe(3 * DAY - 0);
    expect(w.widthSeconds).toBe(60);
  });
});

describe('parseSince', () => {
  it.each([
    ['30d', NOW - 30 * DAY],
    ['12h', NOW - 12 * HOUR],
    ['90m', NOW - 90 * MINUTE],
    ['2026-03-01T00:00:00Z', Date.parse('2026-03-01T00:00:00Z')],
  ])('%s', (v, expected) => expect(parseSince(v, NOW)).toBe(expected));

  it('explains a bad value', () => expect(() => parseSince('a month', NOW)).toThrow(/--since must look like 30d/));
});
