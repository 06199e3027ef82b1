import { describe, expect, it } from 'vitest';
import { createDormantWakeDetector } from './detect-dormant-wake';
import { runHours, type Row } from '@/lib/detect/eval/observation-fixture';

// TZ=UTC, starting on a Monday. Weekday office key: 09-17 every weekday.
const used: Row[] = [{ requests: 10, costUsd: 0.1 }];
const office = (i: number) => Math.floor(i / 24) % 7 < 5 && i % 24 >= 9 && i % 24 < 17;
const WEEK = 168;

describe('createDormantWakeDetector', () => {
  it.each([
    ['an office key over weekends is never dormant', (i: number) => (office(i) ? used : []), 6 * WEEK, []],
    ['an office key silent for three weeks pages when it wakes', (i: number) => (office(i) && (i < 2 * WEEK || i >= 5 * WEEK) ? used : []), 6 * WEEK, [5 * WEEK + 9]],
    ['a daily key missing 4 days pages (its longest gap was 23 h)', (i: number) => (i % 24 === 3 && (i < 10 * 24 || i >= 14 * 24) ? used : []), 3 * WEEK, [14 * 24 + 3]],
    ['a key idle for a day is not dormant', (i: number) => (i % 48 === 0 ? used : []), 3 * WEEK, []],
    // Silence since observation began counts: the key was never used, then spends.
    ['a key with no history waking after its first week pages', (i: number) => (i >= 200 ? used : []), 2 * WEEK, [200]],
    ['a key with no history starting in its first week is not judged', (i: number) => (i >= 100 ? used : []), 2 * WEEK, []],
  ])('%s', (_, rows, hours, expected) => {
    expect(runHours(createDormantWakeDetector(), hours, rows).map((x) => x.i)).toEqual(expected);
  });

  it('reports the idle time and the usual longest gap', () => {
    const [hit] = runHours(createDormantWakeDetector(), 3 * WEEK, (i) => (i % 24 === 3 && (i < 10 * 24 || i >= 14 * 24) ? used : []));
    expect(hit?.f).toMatchObject({ kind: 'dormant_wake', evidence: { idleHours: 5 * 24 - 1, longestGapHours: 23 } });
    expect(hit?.f.summary).toMatch(/^key idle 5\.0 days \(usual longest gap 23 h\)/);
  });
});
