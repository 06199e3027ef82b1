import { describe, expect, it } from 'vitest';
import { createNaiveBaseline } from './naive-baseline';
import { observationOfKeys } from './observation-fixture';

const bucket = (index: number, costs: Record<string, number>) =>
  observationOfKeys(index * 60_000, index, Object.fromEntries(Object.entries(costs).map(([k, c]) => [k, c > 0 ? [{ requests: 1, costUsd: c }] : []])), { bucketSeconds: 60 });

/** Feeds one key's costs and returns the indexes of the buckets flagged. */
function flagged(costs: number[], options?: Parameters<typeof createNaiveBaseline>[0]): number[] {
  const d = createNaiveBaseline(options);
  return costs.flatMap((c, i) => (d.observe(bucket(i, { k: c })).length > 0 ? [i] : []));
}

describe('createNaiveBaseline', () => {
  it.each([
    // History 1, 3 repeated: mean 2, population sd 1, so z = cost - 2.
    ['z just above 3 is flagged', [1, 3, 1, 3, 5.01], [4]],
    ['z exactly 3 is not', [1, 3, 1, 3, 5], []],
    ['drops are not spikes', [1, 3, 1, 3, 0, 0], []],
    ['a silent history makes the first cent infinite', [0, 0, 0, 0.01], [3]],
    ['constant history: more is infinite, the same is not flagged', [2, 2, 2, 2, 2.5], [4]],
    ['needs two earlier buckets', [0, 5, 100], [2]],
    ['a past spike inflates the variance and hides the next', [1, 3, 1, 3, 1, 3, 50, 1, 3, 12], [6]],
  ])('%s', (_, costs, expected) => {
    expect(flagged(costs)).toEqual(expected);
  });

  it('honours threshold and history options', () => {
    expect(flagged([1, 3, 1, 3, 4.5], { threshold: 2 })).toEqual([4]);
    expect(flagged([0, 5, 100], { minHistory: 1 })).toEqual([1, 2]);
  });

  it('keeps each key to its own history and reports spikes with evidence', () => {
    const d = createNaiveBaseline();
    [0, 1, 2, 3].forEach((i) => d.observe(bucket(i, { a: i % 2 ? 3 : 1, b: 100 })));
    const findings = d.observe(bucket(4, { a: 10, b: 100 }));
    expect(findings).toEqual([
      { key: 'a', kind: 'spike', severity: 'error', summary: 'cost $10.00 in one bucket vs mean $2.00 (z 8.0)', evidence: { observed: 10, expected: 2, sd: 1, z: 8 } },
    ]);
  });
});
