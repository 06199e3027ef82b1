import { describe, expect, it } from 'vitest';
import { windowPieces, type Piece } from './window-pieces';

const T = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

// What the pieces add up to, per minute of [from, to): +1 where counted once, 0 elsewhere.
function coverage(pieces: readonly Piece[], fromMs: number, toMs: number): number[] {
  const minutes = new Array<number>((toMs - fromMs) / 60_000).fill(0);
  for (const p of pieces) for (let t = Math.max(p.fromMs, fromMs); t < Math.min(p.toMs, toMs); t += 60_000) minutes[(t - fromMs) / 60_000]! += p.sign;
  return minutes;
}

describe('windowPieces', () => {
  it.each([
    ['aligned days', ['2026-03-01T00:00:00Z', '2026-03-10T00:00:00Z']],
    ['a window ending mid-hour', ['2026-03-01T00:00:00Z', '2026-03-10T12:30:00Z']],
    ['cuts inside days', ['2026-02-24T12:30:00Z', '2026-03-01T00:00:00Z', '2026-03-03T12:30:00Z', '2026-03-10T12:30:00Z']],
    ['one short interval', ['2026-03-10T10:15:00Z', '2026-03-10T10:45:00Z']],
    ['within one day, many hours', ['2026-03-09T01:00:00Z', '2026-03-09T23:00:00Z']],
  ])('covers every minute of each interval once, from hours or not: %s', (_, isoCuts) => {
    const cuts = isoCuts.map(T);
    const now = T('2026-03-10T12:30:00Z');
    for (const hours of [true, false]) {
      const pieces = windowPieces(cuts, now, hours);
      // Pieces may reach outside the window (a whole day less its ends); the ends must cancel.
      const lo = Math.min(...pieces.map((p) => p.fromMs), cuts[0]!);
      const hi = Math.max(...pieces.map((p) => p.toMs), cuts.at(-1)!);
      const got = coverage(pieces, lo, hi);
      const want = coverage([{ level: 'raw', fromMs: cuts[0]!, toMs: cuts.at(-1)!, sign: 1, at: 0 }], lo, hi);
      expect(got).toEqual(want);
      if (!hours) expect(pieces.every((p) => p.level !== 'hour')).toBe(true);
      for (let i = 0; i + 1 < cuts.length; i++) {
        const mine = pieces.filter((p) => p.at === cuts[i]);
        expect(coverage(mine, lo, hi)).toEqual(coverage([{ level: 'raw', fromMs: cuts[i]!, toMs: cuts[i + 1]!, sign: 1, at: 0 }], lo, hi));
      }
    }
  });

  it('reads whole days from the day roll-up, the ends from hours, and only the unaligned minutes raw', () => {
    const pieces = windowPieces([T('2026-03-01T00:00:00Z'), T('2026-03-05T10:30:00Z')], T('2026-03-10T00:00:00Z'), true);
    expect(pieces).toEqual([
      { level: 'day', fromMs: T('2026-03-01T00:00:00Z'), toMs: T('2026-03-05T00:00:00Z'), sign: 1, at: T('2026-03-01T00:00:00Z') },
      { level: 'hour', fromMs: T('2026-03-05T00:00:00Z'), toMs: T('2026-03-05T10:00:00Z'), sign: 1, at: T('2026-03-01T00:00:00Z') },
      { level: 'raw', fromMs: T('2026-03-05T10:00:00Z'), toMs: T('2026-03-05T10:30:00Z'), sign: 1, at: T('2026-03-01T00:00:00Z') },
    ]);
  });

  it('reads the current day as the whole day less what lies after now', () => {
    const now = T('2026-03-10T12:30:00Z');
    const pieces = windowPieces([T('2026-03-10T00:00:00Z'), now], now, true);
    expect(pieces.map((p) => [p.level, p.sign, new Date(p.fromMs).toISOString(), (p.toMs - p.fromMs) / HOUR])).toEqual([
      ['day', 1, '2026-03-10T00:00:00.000Z', 24],
      ['raw', -1, '2026-03-10T12:30:00.000Z', 0.5],
      ['hour', -1, '2026-03-10T13:00:00.000Z', 11],
    ]);
  });
});
