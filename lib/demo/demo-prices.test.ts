import { describe, expect, it } from 'vitest';
import { DEMO_PRICES, demoCostUsd } from './demo-prices';

describe('demoCostUsd', () => {
  it.each([
    { model: 'gpt-4o-mini-2024-07-18', tokens: [1_000_000, 0, 0], usd: 0.15 },
    { model: 'gpt-4o-mini-2024-07-18', tokens: [0, 1_000_000, 0], usd: 0.075 },
    { model: 'gpt-4.1-2025-04-14', tokens: [0, 0, 1_000_000], usd: 8 },
    { model: 'claude-sonnet-4-20250514', tokens: [1000, 2000, 300], usd: 0.003 + 0.0006 + 0.0045 },
    { model: 'claude-3-5-haiku-20241022', tokens: [0, 0, 0], usd: 0 },
  ] as const)('$model $tokens -> $usd', ({ model, tokens: [inputTokens, cachedInputTokens, outputTokens], usd }) => {
    expect(demoCostUsd(model, { inputTokens, cachedInputTokens, outputTokens })).toBeCloseTo(usd, 10);
  });

  it.each(Object.entries(DEMO_PRICES))('%s: cached input is cheaper than input', (_model, price) => {
    expect(price.cachedInput).toBeLessThan(price.input);
    expect(price.output).toBeGreaterThan(price.input);
  });
});
