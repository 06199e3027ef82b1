import { describe, expect, it } from 'vitest';
import { erfc, normalTail } from './normal-tail';

// Reference values from CPython's math.erfc.
describe('erfc', () => {
  it.each([
    [0, 1],
    [1e-3, 0.9988716212090307],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [1.999, 0.004698443348629488],
    [2, 0.004677734981047265],
    [2.001, 0.00465710928147535],
    [3, 2.2090496998585438e-5],
    [5, 1.5374597944280351e-12],
    [10, 2.088487583762545e-45],
    [26, 5.663192408856143e-296],
    [-1, 1.842700792949715],
    [40, 0],
  ])('erfc(%d)', (x, expected) => {
    if (expected === 0) expect(erfc(x)).toBe(0);
    else expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1e-12);
  });

  it('gives the Q-function', () => {
    expect(normalTail(0)).toBe(0.5);
    expect(normalTail(1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(normalTail(-3) + normalTail(3)).toBeCloseTo(1, 15);
  });
});
