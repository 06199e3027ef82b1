import { describe, expect, it } from 'vitest';
import type { FindingKind, Severity, TimedFinding } from './finding';
import { groupIncidents } from './group-incidents';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const MIN = 60_000;
const f = (minute: number, key = 'a', kind: FindingKind = 'spike', severity: Severity = 'warning', summary = `s${minute}`): TimedFinding => ({
  key,
  kind,
  severity,
  summary,
  at: T0 + minute * MIN,
});
const opened = (incidents: ReturnType<typeof groupIncidents>) => incidents.map((i) => [i.key, i.kind, (i.at - T0) / MIN, i.findings]);

describe('groupIncidents (minute buckets, 60-minute quiet period)', () => {
  it.each([
    ['one finding, one incident', [f(0)], [['a', 'spike', 0, 1]]],
    ['back-to-back buckets stay one incident', [f(0), f(1), f(2)], [['a', 'spike', 0, 3]]],
    // Last finding at minute 0 covers [0, 1); quiet runs from minute 1.
    ['59 quiet minutes: absorbed', [f(0), f(60)], [['a', 'spike', 0, 2]]],
    ['60 quiet minutes: closed, a new incident', [f(0), f(61)], [['a', 'spike', 0, 1], ['a', 'spike', 61, 1]]],
    ['the quiet period counts from the latest finding', [f(0), f(50), f(100), f(150)], [['a', 'spike', 0, 4]]],
    ['another anomaly kind on the same key joins the open incident', [f(0), f(1, 'a', 'off_hours')], [['a', 'spike', 0, 2]]],
    ['a budget finding is never absorbed by an anomaly', [f(0), f(1, 'a', 'budget')], [['a', 'spike', 0, 1], ['a', 'budget', 1, 1]]],
    ['another key is its own incident', [f(0), f(0, 'b')], [['a', 'spike', 0, 1], ['b', 'spike', 0, 1]]],
    ['no findings, no incidents', [], []],
  ] as const)('%s', (_, findings, expected) => {
    expect(opened(groupIncidents(findings, { bucketSeconds: 60 }))).toEqual(expected);
  });

  it('keeps the opening summary and raises severity to the highest absorbed', () => {
    const [incident] = groupIncidents([f(0, 'a', 'spike', 'warning', 'first'), f(1, 'a', 'spike', 'critical', 'second'), f(2, 'a', 'spike', 'info')], { bucketSeconds: 60 });
    expect(incident).toMatchObject({ summary: 'first', severity: 'critical', lastAt: T0 + 2 * MIN, findings: 3 });
  });

  it('rejects findings out of time order', () => {
    expect(() => groupIncidents([f(5), f(1)], { bucketSeconds: 60 })).toThrow(/sorted/);
  });
});

describe('groupIncidents with hourly buckets', () => {
  it.each([
    ['consecutive hours: one incident', [0, 60, 120], [0]],
    ['one silent hour closes it', [0, 120], [0, 120]],
  ] as const)('%s', (_, minutes, expectedOpenings) => {
    const incidents = groupIncidents(
      minutes.map((x) => f(x)),
      { bucketSeconds: 3600 },
    );
    expect(incidents.map((i) => (i.at - T0) / MIN)).toEqual(expectedOpenings);
  });

  it('a quiet period of 0 makes every finding its own incident', () => {
    expect(groupIncidents([f(0), f(60)], { bucketSeconds: 3600, quietSeconds: 0 })).toHaveLength(2);
  });
});
