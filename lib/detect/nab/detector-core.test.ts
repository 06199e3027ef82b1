import { describe, expect, it } from 'vitest';
import { scoreSeries, windowedGaussian } from './detector-core';
import { normalTail } from './normal-tail';

const run = (values: number[], options?: Parameters<typeof windowedGaussian>[0]) =>
  [...scoreSeries(values, values.map((_, i) => i * 60_000), () => windowedGaussian(options))];

describe('windowedGaussian', () => {
  it('scores the first row 0 and a repeat of a constant 0.5', () => {
    // After [5], the std is 0 and is replaced by 1e-6: another 5 is z = 0, a 6 is far out.
    expect(run([5, 5, 6])).toEqual([0, 0.5, 1]);
  });

  it('scores against the population mean and std of the rows before', () => {
    // [1, 3]: mean 2, std 1, so 4 is z = 2 and 0 is z = 2 on the other side.
    const [, , up] = run([1, 3, 4]);
    const [, , down] = run([1, 3, 0]);
    expect(up).toBeCloseTo(1 - normalTail(2), 15);
    expect(down).toBeCloseTo(up!, 15);
  });

  it('fills the window one row at a time, then slides it a whole step at a time', () => {
    // Window 2, step 2: after [0, 2] (mean 1, std 1) the next two rows wait in the step
    // buffer, both scored against mean 1 and std 1; then the window becomes [3, 10].
    const scores = run([0, 2, 3, 10, 6.5, 10], { windowSize: 2, stepSize: 2 });
    expect(scores[2]).toBeCloseTo(1 - normalTail(2), 15);
    expect(scores[3]).toBeCloseTo(1 - normalTail(9), 15);
    expect(scores[4]).toBe(0.5); // mean of [3, 10]
    expect(scores[5]).toBeCloseTo(1 - normalTail(1), 15); // std of [3, 10] is 3.5
  });

  it('is causal: a later row never changes an earlier score', () => {
    const values = Array.from({ length: 300 }, (_, i) => Math.sin(i / 7) * 10 + (i % 13));
    const full = run(values, { windowSize: 50, stepSize: 10 });
    const prefix = run(values.slice(0, 120), { windowSize: 50, stepSize: 10 });
    expect(full.slice(0, 120)).toEqual(prefix);
  });

  it('rejects a step larger than the window', () => {
    expect(() => windowedGaussian({ windowSize: 10, stepSize: 20 })).toThrow(/stepSize/);
  });
});

describe('scoreSeries', () => {
  it.each([[Number.NaN], [-0.1], [1.5]])('rejects a detector answering %d', (bad) => {
    expect(() => scoreSeries([1], [0], () => ({ score: () => bad }), 'x.csv')).toThrow(/x\.csv: the detector answered .* at row 1/);
  });
});
