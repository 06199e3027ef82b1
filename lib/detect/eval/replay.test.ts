import { describe, expect, it } from 'vitest';
import type { Finding } from './finding';
import { fixtureMeta, fixtureRows, FIXTURE_START, HOUR } from './fixture-scenario';
import { createUsageAccumulator, USAGE_HEADER, type Scenario } from './load-scenario';
import { replay, type BucketObservation, type Detector } from './replay';
import { parseScenarioJson } from './scenario-schema';

function fixture(): Scenario {
  const acc = createUsageAccumulator(parseScenarioJson(JSON.stringify(fixtureMeta())));
  [USAGE_HEADER, ...fixtureRows()].forEach((line, i) => acc.add(line, i + 1));
  return acc.finish();
}

/** Records what it is shown and reports whatever `decide` says. */
function recorder(decide: (b: BucketObservation) => Finding[] = () => []) {
  const seen: BucketObservation[] = [];
  const detector: Detector = {
    name: 'recorder',
    observe(b) {
      seen.push(b);
      return decide(b);
    },
  };
  return { seen, detector };
}

describe('replay', () => {
  it('shows every bucket once, in time order, with the scenario clock and zone', () => {
    const { seen, detector } = recorder();
    replay(fixture(), detector);
    expect(seen).toHaveLength(48);
    expect(seen.map((b) => b.index)).toEqual([...Array(48).keys()]);
    expect(seen.every((b, i) => b.start === FIXTURE_START + i * HOUR && b.bucketSeconds === 3600 && b.timezone === 'Europe/Berlin')).toBe(true);
  });

  it.each([
    ['a busy bucket', 40, 'key_a', { requests: 70, costUsd: 10, environment: 'production', monthlyBudgetUsd: 500 }, ['gpt-4o', 'gpt-4o-mini'], ['US', 'BR']],
    ['a silent key shows as zeros', 10, 'key_b', { requests: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 }, [], []],
    ['an ordinary bucket', 3, 'key_a', { requests: 3, costUsd: 1.1 }, ['gpt-4o'], ['US']],
  ])('gives every key in every bucket: %s', (_, bucket, key, usage, models, regions) => {
    const { seen, detector } = recorder();
    replay(fixture(), detector);
    const b = seen[bucket]!;
    expect(b.keys.map((k) => k.key)).toEqual(['key_a', 'key_b']);
    const k = b.keys.find((x) => x.key === key)!;
    expect(k).toMatchObject(usage);
    expect([...k.models.keys()]).toEqual(models);
    expect([...k.regions.keys()]).toEqual(regions);
  });

  it('stamps findings with the bucket they were found in and groups them into incidents', () => {
    const { detector } = recorder((b) =>
      b.keys.filter((k) => k.costUsd >= 10).map((k) => ({ key: k.key, kind: 'spike', severity: b.index === 41 ? 'critical' : 'warning', summary: `bucket ${b.index}` })),
    );
    const { findings, incidents } = replay(fixture(), detector);
    expect(findings.map((f) => f.at)).toEqual([FIXTURE_START + 40 * HOUR, FIXTURE_START + 41 * HOUR]);
    expect(incidents).toEqual([
      { key: 'key_a', kind: 'spike', at: FIXTURE_START + 40 * HOUR, lastAt: FIXTURE_START + 41 * HOUR, severity: 'critical', summary: 'bucket 40', findings: 2 },
    ]);
  });

  it('passes the quiet period on to the grouping', () => {
    const { detector } = recorder((b) => (b.index % 2 === 0 && b.index < 6 ? [{ key: 'key_b', kind: 'off_hours', severity: 'info', summary: '' }] : []));
    expect(replay(fixture(), detector).incidents).toHaveLength(3);
    expect(replay(fixture(), recorder((b) => (b.index % 2 === 0 && b.index < 6 ? [{ key: 'key_b', kind: 'off_hours', severity: 'info', summary: '' }] : [])).detector, { quietSeconds: 7200 }).incidents).toHaveLength(1);
  });
});
