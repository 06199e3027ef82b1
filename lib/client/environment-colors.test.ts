import { describe, expect, it } from 'vitest';
import { environmentColors } from './environment-colors';

describe('environmentColors', () => {
  it.each([
    [['production', 'staging', 'development'], ['#4e79a7', '#f28e2b', '#59a14f']],
    [['development', 'production'], ['#59a14f', '#4e79a7']],
    [['Prod', 'qa'], ['#4e79a7', '#f28e2b']],
    [['zeta', 'alpha'], ['#f28e2b', '#4e79a7']],
    [['production', 'alpha'], ['#4e79a7', '#f28e2b']],
    [[], []],
  ])('%j -> %j', (environments, expected) => {
    expect(environmentColors(environments)).toEqual(expected);
  });

  it('gives distinct colours to ten environments', () => {
    const names = Array.from({ length: 10 }, (_, i) => `env-${i}`);
    expect(new Set(environmentColors(names)).size).toBe(10);
  });
});
