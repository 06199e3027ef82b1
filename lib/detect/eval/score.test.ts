import { describe, expect, it } from 'vitest';
import { combineScores, judgeIncident, median, scoreScenario, type ScoreIncident, type ScoreLabel } from './score';

// Minute buckets; times are minutes after 00:00 on the day below.
const T0 = Date.parse('2026-01-01T00:00:00Z');
const m = (minutes: number) => T0 + minutes * 60_000;
const label = (key: string, kind: string, from: number, to: number): ScoreLabel => ({ key, kind, start: m(from), end: m(to) });
const inc = (key: string, kind: string, at: number): ScoreIncident => ({ key, kind, at: m(at) });
// One key over 7 days after a warm-up ending at minute 100: exactly one key-week.
const setup = { bucketSeconds: 60, warmupEnd: m(100), end: m(100 + 7 * 1440), keyCount: 1 };

// A label on key a from minute 200 to 210 (length 10, tail (210, 220]).
const A = label('a', 'spike', 200, 210);

describe('judgeIncident', () => {
  it.each([
    ['one bucket before the start', 199, 'false'],
    ['exactly at the start', 200, 'detects'],
    ['inside', 205, 'detects'],
    ['exactly at the end (end is inclusive)', 210, 'detects'],
    ['first bucket after the end', 211, 'tail'],
    ['last minute of the tail: end + label length', 220, 'tail'],
    ['one bucket past the tail', 221, 'false'],
  ] as const)('%s', (_, at, verdict) => {
    expect(judgeIncident(inc('a', 'spike', at), [A])).toBe(verdict);
  });

  it.each([
    ['another key during the label', inc('b', 'spike', 205), 'false'],
    ['another key in the tail', inc('b', 'spike', 215), 'false'],
    ['another kind on the same key still detects', inc('a', 'new_model', 205), 'detects'],
    ['another kind in the tail is still tail', inc('a', 'off_hours', 215), 'tail'],
  ] as const)('%s', (_, incident, verdict) => {
    expect(judgeIncident(incident, [A])).toBe(verdict);
  });
});

describe('scoreScenario', () => {
  it.each([
    // name, labels, incidents, expected subset of the score
    ['nothing found', [A], [], { recall: 0, precision: null, detected: 0, medianTimeToDetectSeconds: null, kindAccuracy: null }],
    ['at the start: one bucket to detect', [A], [inc('a', 'spike', 200)], { recall: 1, precision: 1, medianTimeToDetectSeconds: 60, medianTimeToDetectBuckets: 1 }],
    ['at the end: length + one bucket', [A], [inc('a', 'spike', 210)], { recall: 1, medianTimeToDetectSeconds: 660, medianTimeToDetectBuckets: 11 }],
    ['tail incident: neither false nor detecting', [A], [inc('a', 'spike', 200), inc('a', 'spike', 220)], { precision: 0.5, tail: 1, falseAlerts: 0 }],
    ['past the tail: false', [A], [inc('a', 'spike', 200), inc('a', 'spike', 221)], { precision: 0.5, tail: 0, falseAlerts: 1, falseAlertsPerKeyWeek: 1 }],
    ['wrong kind detects but is not accurate', [A], [inc('a', 'new_model', 203)], { recall: 1, kindAccuracy: 0 }],
    [
      'kind of the earliest matching incident counts, whatever the input order',
      [A],
      [inc('a', 'spike', 206), inc('a', 'off_hours', 202)],
      { kindAccuracy: 0, medianTimeToDetectSeconds: 180 },
    ],
    [
      'an incident before the start does not make time to detect negative',
      [A],
      [inc('a', 'spike', 190), inc('a', 'spike', 204)],
      { recall: 1, falseAlerts: 1, medianTimeToDetectSeconds: 300 },
    ],
  ] as const)('%s', (_, labels, incidents, expected) => {
    expect(scoreScenario(labels, incidents, setup)).toMatchObject(expected);
  });

  it('counts false alerts per key-week only from the warm-up end on, but precision over all', () => {
    const s = scoreScenario([A], [inc('a', 'spike', 50), inc('a', 'spike', 99), inc('a', 'spike', 100), inc('a', 'spike', 205)], { ...setup, keyCount: 2 });
    expect(s).toMatchObject({ falseAlerts: 3, falseAlertsAfterWarmup: 1, keyWeeks: 2, falseAlertsPerKeyWeek: 0.5, incidents: 4, precision: 0.25 });
  });

  it('scores two labels on one key separately; one incident may detect both', () => {
    const first = label('a', 'spike', 200, 210);
    const second = label('a', 'new_region', 205, 230);
    const s = scoreScenario([first, second], [inc('a', 'new_region', 207)], setup);
    expect(s.outcomes.map((o) => [o.detectedAt, o.timeToDetectSeconds, o.kindCorrect])).toEqual([
      [m(207), 480, false],
      [m(207), 180, true],
    ]);
    expect(s).toMatchObject({ recall: 1, precision: 1, kindAccuracy: 0.5, medianTimeToDetectSeconds: 330 });
  });

  it('scores two separate labels on one key with their own incidents, and a tail of the first that is not false', () => {
    const s = scoreScenario(
      [label('a', 'spike', 200, 210), label('a', 'spike', 400, 460)],
      [inc('a', 'spike', 201), inc('a', 'spike', 215), inc('a', 'spike', 400), inc('a', 'spike', 500), inc('a', 'spike', 521)],
      setup,
    );
    // 500 is in the second label's tail (460, 520]; 521 is past it.
    expect(s).toMatchObject({ detected: 2, detecting: 2, tail: 2, falseAlerts: 1, medianTimeToDetectSeconds: 90 });
  });

  it('returns null ratios when there is nothing to divide by', () => {
    expect(scoreScenario([], [], { ...setup, warmupEnd: setup.end })).toMatchObject({ recall: null, precision: null, falseAlertsPerKeyWeek: null, kindAccuracy: null });
  });
});

describe('combineScores', () => {
  it('adds counts and pools the labels for medians', () => {
    const one = scoreScenario([A], [inc('a', 'spike', 200), inc('a', 'spike', 5000)], setup);
    const two = scoreScenario([A, label('b', 'spike', 300, 310)], [inc('a', 'off_hours', 202)], { ...setup, keyCount: 2 });
    expect(combineScores([one, two])).toMatchObject({ labels: 3, detected: 2, incidents: 3, detecting: 2, falseAlertsAfterWarmup: 1, keyWeeks: 3, recall: 2 / 3, precision: 2 / 3, kindAccuracy: 0.5, medianTimeToDetectSeconds: 120 });
  });
});

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ] as const)('%j -> %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});
