// Prices of the SIMULATED provider, for demo data only: public list prices of the demo
// models in USD per million tokens. Real costs are priced elsewhere (an npm price package);
// nothing outside lib/demo should read this table.

export type DemoPrice = { input: number; cachedInput: number; output: number };

export const DEMO_PRICES = {
  'gpt-4o-mini-2024-07-18': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-4.1-2025-04-14': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini-2025-04-14': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  // Anthropic's cached input is the cache-read price; cache writes are not simulated.
  'claude-sonnet-4-20250514': { input: 3, cachedInput: 0.3, output: 15 },
  'claude-3-5-haiku-20241022': { input: 0.8, cachedInput: 0.08, output: 4 },
} as const satisfies Record<string, DemoPrice>;

export type DemoModel = keyof typeof DEMO_PRICES;

export type DemoTokens = { inputTokens: number; cachedInputTokens: number; outputTokens: number };

// inputTokens is uncached input only; cached reads are priced separately.
export function demoCostUsd(model: DemoModel, tokens: DemoTokens): number {
  const price = DEMO_PRICES[model];
  return (
    (tokens.inputTokens * price.input +
      tokens.cachedInputTokens * price.cachedInput +
      tokens.outputTokens * price.output) /
    1_000_000
  );
}
