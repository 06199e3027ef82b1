import { describe, expect, it } from 'vitest';
import { continuesIncident, dedupKeyFor, isQuiet, maxSeverity, transition } from './incident-rules';

const MIN = 60_000;

describe('incident rules', () => {
  it.each([
    [0, 0, true],
    [0, 59 * MIN, true],
    [0, 60 * MIN, true], // ends at minute 1; 59 quiet minutes so far
    [0, 61 * MIN, false],
  ])('a finding at minute %i after one at %i continues: %s', (last, at, expected) => {
    expect(continuesIncident(last, at, MIN, 60 * MIN)).toBe(expected);
  });

  it('is quiet once the quiet period has passed after the last bucket ends', () => {
    expect(isQuiet(0, 60 * MIN, MIN, 60 * MIN)).toBe(false);
    expect(isQuiet(0, 61 * MIN, MIN, 60 * MIN)).toBe(true);
  });

  it('keeps the highest severity', () => {
    expect(maxSeverity('warning', 'critical')).toBe('critical');
    expect(maxSeverity('error', 'info')).toBe('error');
  });

  it('gives each incident its own stable dedup key', () => {
    const a = dedupKeyFor('spike', 'k1', Date.parse('2026-11-23T08:00:00Z'));
    expect(a).toBe('burnrate:spike:k1:2026-11-23T08:00:00.000Z');
    expect(dedupKeyFor('spike', 'k1', Date.parse('2026-11-23T09:00:00Z'))).not.toBe(a);
    expect(dedupKeyFor('off_hours', 'k1', Date.parse('2026-11-23T08:00:00Z'))).not.toBe(a);
  });

  it.each([
    ['open', 'acknowledge', { to: 'acknowledged' }],
    ['open', 'resolve', { to: 'resolved' }],
    ['acknowledged', 'resolve', { to: 'resolved' }],
    ['acknowledged', 'acknowledge', { refused: 'the incident is already acknowledged' }],
    ['resolved', 'acknowledge', { refused: 'the incident is already resolved' }],
    ['resolved', 'resolve', { refused: 'the incident is already resolved' }],
  ] as const)('%s + %s', (status, action, expected) => {
    expect(transition(status, action)).toEqual(expected);
  });
});
