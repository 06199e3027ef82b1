import { describe, expect, it } from 'vitest';
import { fixtureMeta, fixtureRows, fixtureTime, FIXTURE_START, HOUR } from './fixture-scenario';
import { createUsageAccumulator, USAGE_HEADER, type Scenario } from './load-scenario';
import { parseScenarioJson } from './scenario-schema';
import { startLater } from './start-later';

// The fixture with its warm-up to bucket 30, so one day later is still inside it.
const meta = (overrides: Record<string, unknown> = {}) => fixtureMeta({ warmupEnd: fixtureTime(30), ...overrides });

function load(m: object, rows: string[]): Scenario {
  const acc = createUsageAccumulator(parseScenarioJson(JSON.stringify(m)));
  [USAGE_HEADER, ...rows].forEach((line, i) => acc.add(line, i + 1));
  return acc.finish();
}

describe('startLater', () => {
  const scenario = load(meta(), fixtureRows());

  it('is the scenario as if its file began a day later', () => {
    const later = startLater(scenario, 1)!;
    // The same file with the first day's rows left out and the start moved.
    const cut = load(meta({ start: fixtureTime(24) }), fixtureRows().filter((r) => r >= fixtureTime(24)));
    expect(later.meta).toEqual({ ...cut.meta, name: 'fixture+1d' });
    expect(later.bucketCount).toBe(24);
    expect(later.series).toEqual(cut.series);
    expect(later.meta.start).toBe(FIXTURE_START + 24 * HOUR);
    expect(later.series.get('key_a')!.costUsd[16]).toBe(10); // bucket 40, the labelled spike
    expect(later.meta.labels).toEqual(scenario.meta.labels);
  });

  it('leaves the scenario it was given as it was', () => {
    startLater(scenario, 1);
    expect(scenario.bucketCount).toBe(48);
    expect(scenario.series.get('key_a')!.costUsd.length).toBe(48);
    expect(scenario.series.get('key_a')!.models.has(0)).toBe(true);
  });

  it.each([
    ['at the end of the warm-up, where labels may begin', 2],
    ['no days', 0],
    ['part of a day', 0.5],
  ])('gives nothing for a start %s', (_, days) => {
    expect(startLater(scenario, days)).toBeNull();
  });
});
