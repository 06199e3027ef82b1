import { describe, expect, it } from 'vitest';
import { inverseQuantile, sampleTokens } from './sample-tokens';
import { TOKEN_SIZE_PERCENTILES, TOKEN_SIZES } from './token-sizes';
import type { Workload } from './token-sizes';

const WORKLOADS: Workload[] = ['code', 'conv'];

describe('inverseQuantile', () => {
  it.each(WORKLOADS)('%s: returns the table value at each tabulated percentile', (w) => {
    const points = TOKEN_SIZES[w].context;
    TOKEN_SIZE_PERCENTILES.forEach((p, i) => expect(inverseQuantile(points, p / 100)).toBeCloseTo(points[i] ?? NaN, 6));
  });

  it.each([
    { u: -0.5, expected: 10 },
    { u: 0.0125, expected: 15 }, // halfway between p0 and p2.5
    { u: 2, expected: 1000 },
  ])('interpolates and clamps u=$u', ({ u, expected }) => {
    const points = TOKEN_SIZE_PERCENTILES.map((p) => (p === 0 ? 10 : p === 100 ? 1000 : 20));
    expect(inverseQuantile(points, u)).toBeCloseTo(expected, 6);
  });
});

describe('sampleTokens', () => {
  it.each(WORKLOADS)('%s: stays within p0..p100', (w) => {
    const t = TOKEN_SIZES[w];
    for (const u of [0, 1e-9, 0.025, 0.5, 0.975, 0.999, 1 - 1e-12, 1]) {
      const s = sampleTokens(w, u, u);
      expect(s.context).toBeGreaterThanOrEqual(t.context[0] ?? NaN);
      expect(s.context).toBeLessThanOrEqual(t.context.at(-1) ?? NaN);
      expect(s.generated).toBeGreaterThanOrEqual(t.generated[0] ?? NaN);
      expect(s.generated).toBeLessThanOrEqual(t.generated.at(-1) ?? NaN);
      expect(Number.isInteger(s.context) && Number.isInteger(s.generated)).toBe(true);
    }
  });

  it.each(WORKLOADS)('%s: median of many draws matches the table median within 3%%', (w) => {
    let state = 12345;
    const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
    const ctx: number[] = [];
    const gen: number[] = [];
    for (let i = 0; i < 20_001; i++) {
      const s = sampleTokens(w, rand(), rand());
      ctx.push(s.context);
      gen.push(s.generated);
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[(xs.length - 1) / 2] ?? NaN;
    const t = TOKEN_SIZES[w];
    expect(Math.abs(median(ctx) / t.medianContext - 1)).toBeLessThan(0.03);
    expect(Math.abs(median(gen) / t.medianGenerated - 1)).toBeLessThan(0.03);
  });
});
