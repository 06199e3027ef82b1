import { describe, expect, it } from 'vitest';
import { createNewModelDetector } from './detect-new-model';
import { runHours, type Row } from '@/lib/detect/eval/observation-fixture';

// TZ=UTC. A key using gpt-4o at 100 requests / $1 an hour, 24/7, for a week.
const usual: Row = { model: 'gpt-4o', requests: 100, costUsd: 1 };
const withAt = (at: number[], extra: Row) => (i: number) => (at.includes(i) ? [usual, extra] : [usual]);

describe('createNewModelDetector', () => {
  it.each([
    ['no new model', () => [usual], []],
    ['an expensive model at low volume (o1, 10x the price) pages', withAt([100], { model: 'o1', requests: 5, costUsd: 0.5 }), [100]],
    ['a cheap model with trivial cost does not page', withAt([100], { model: 'gpt-4o-mini', requests: 5, costUsd: 0.003 }), []],
    ['a cheap model with material cost pages', withAt([100], { model: 'gpt-4o-mini', requests: 2000, costUsd: 1.2 }), [100]],
    ['a new model in the warm-up is learnt, not paged', withAt([5, 100], { model: 'o1', requests: 5, costUsd: 0.5 }), []],
    ['a new model keeps paging only within its novelty window', withAt([100, 101, 102, 103, 104, 105, 106, 107], { model: 'o1', requests: 5, costUsd: 0.5 }), [100, 101, 102, 103, 104, 105]],
    ['one or two requests of a model priced like the usual are not enough', withAt([100], { model: 'gpt-4.1', requests: 2, costUsd: 0.03 }), []],
    ['one request of a far pricier model pages', withAt([100], { model: 'o1', requests: 1, costUsd: 0.1 }), [100]],
    ['one request of a far pricier model worth less than a cent an hour does not', withAt([100], { model: 'o1', requests: 1, costUsd: 0.005 }), []],
  ])('%s', (_, rows, expected) => {
    expect(runHours(createNewModelDetector(), 168, rows).map((x) => x.i)).toEqual(expected);
  });

  it('a key with no history is not judged until it has warmed up', () => {
    const found = runHours(createNewModelDetector(), 48, (i) => (i < 30 ? [] : i === 31 ? [usual, { model: 'o1', requests: 5, costUsd: 5 }] : [usual]));
    expect(found).toEqual([]);
  });

  it('reports the model and its price against the usual', () => {
    const [hit] = runHours(createNewModelDetector(), 168, withAt([100], { model: 'o1', requests: 5, costUsd: 0.5 }));
    expect(hit?.f).toMatchObject({ key: 'k', kind: 'new_model', evidence: { model: 'o1', requests: 5 } });
    expect((hit?.f.evidence as { priceMultiple: number }).priceMultiple).toBeCloseTo(10, 6);
    expect(hit?.f.summary).toMatch(/^new model o1: \$0\.50 over 5 requests, 10\.0x/);
  });
});
