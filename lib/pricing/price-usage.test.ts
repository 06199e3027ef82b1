import { describe, expect, it } from 'vitest';
import { priceUsage, type PriceInput } from './price-usage';

const M = 1_000_000;
const at = new Date('2026-03-04T12:00:00Z');
const none = { inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0 };

// Expected values are worked out by hand from the providers' list prices (USD per 1M tokens).
describe('priceUsage', () => {
  it.each<[string, Omit<PriceInput, 'at'> & { at?: Date }, number]>([
    // gpt-4o-mini: 0.15 in, 0.075 cached, 0.6 out -> 0.15 + 0.015 + 0.06
    ['openai dated snapshot, cached reads', { ...none, provider: 'openai', model: 'gpt-4o-mini-2024-07-18', inputTokens: M, cachedInputTokens: 200_000, outputTokens: 100_000 }, 0.225],
    // gpt-4.1: 2 in, 8 out; batch halves it
    ['openai batch', { ...none, provider: 'openai', model: 'gpt-4.1-2025-04-14', inputTokens: M, outputTokens: M, batch: true }, 5],
    // a snapshot newer than the table is priced as its alias gpt-4.1-mini (0.4 in)
    ['openai unknown snapshot of a known model', { ...none, provider: 'openai', model: 'gpt-4.1-mini-2026-02-01', inputTokens: M }, 0.4],
    // o3 cost 10/40 until its 2025-06-10 price cut, 2/8 after
    ['price history: before a cut', { ...none, provider: 'openai', model: 'o3', inputTokens: M, outputTokens: M, at: new Date('2025-05-01T00:00:00Z') }, 50],
    ['price history: after a cut', { ...none, provider: 'openai', model: 'o3', inputTokens: M, outputTokens: M, at: new Date('2025-07-01T00:00:00Z') }, 10],
    // Sonnet 4: 3 in, 0.3 read, 3.75 write 5m, 6 write 1h, 15 out
    // 10k*3 + 100k*0.3 + 15k*3.75 + 5k*6 + 2k*15 = 0.03 + 0.03 + 0.05625 + 0.03 + 0.03
    [
      'anthropic cache reads and 5m/1h writes',
      { provider: 'anthropic', model: 'claude-sonnet-4-20250514', inputTokens: 10_000, cachedInputTokens: 100_000, cacheWriteTokens: 20_000, cacheWrite1hTokens: 5_000, outputTokens: 2_000 },
      0.17625,
    ],
    // no 1h split given: all writes are 5m writes
    ['anthropic writes without a 1h part', { ...none, provider: 'anthropic', model: 'claude-sonnet-4-20250514', cacheWriteTokens: M }, 3.75],
    // Haiku 3.5: 0.8 in, 4 out, batch half
    ['anthropic batch', { ...none, provider: 'anthropic', model: 'claude-3-5-haiku-20241022', inputTokens: M, outputTokens: M, batch: true }, 2.4],
    // Sonnet 4.5 tiers: 3/0.3/15 standard, 6/0.6/22.5 in the 200k-1M window
    ['anthropic standard context', { ...none, provider: 'anthropic', model: 'claude-sonnet-4-5-20250929', inputTokens: M, cachedInputTokens: M, outputTokens: M }, 18.3],
    ['anthropic long context', { ...none, provider: 'anthropic', model: 'claude-sonnet-4-5-20250929', inputTokens: M, cachedInputTokens: M, outputTokens: M, longContext: true }, 29.1],
    // Sonnet 4.6 had a long-context tier until 2026-03-13, flat 3 in after
    ['long-context tier in history', { ...none, provider: 'anthropic', model: 'claude-sonnet-4-6', inputTokens: M, longContext: true, at: new Date('2026-03-01T00:00:00Z') }, 6],
    ['long-context flag on a flat price', { ...none, provider: 'anthropic', model: 'claude-sonnet-4-6', inputTokens: M, longContext: true, at: new Date('2026-03-20T00:00:00Z') }, 3],
    // row totals are sums over many requests: 5M input tokens is still the standard tier
    ['large row stays in the standard tier', { ...none, provider: 'anthropic', model: 'claude-sonnet-4-5', inputTokens: 5 * M }, 15],
    ['case and provider prefix', { ...none, provider: 'openai', model: ' OpenAI/GPT-4o-mini ', inputTokens: M }, 0.15],
    ['known model, no tokens', { ...none, provider: 'anthropic', model: 'claude-3-5-haiku-20241022' }, 0],
  ])('%s', (_name, input, usd) => {
    const result = priceUsage({ at, ...input });
    expect(result.priced).toBe(true);
    expect(result.costUsd).toBeCloseTo(usd, 10);
  });

  it.each<[PriceInput['provider'], string]>([
    ['anthropic', 'claude-nonexistent-9-20990101'],
    ['openai', 'not-a-model'],
    ['openai', 'claude-sonnet-4-20250514'], // right model, wrong provider
  ])('%s %s is unpriced and costs 0', (provider, model) => {
    expect(priceUsage({ ...none, provider, model, inputTokens: M, outputTokens: M, at })).toEqual({ costUsd: 0, priced: false });
  });

  it('is cheap enough to call per usage row (about 0.5 µs once the model is looked up)', () => {
    const models = ['claude-sonnet-4-20250514', 'claude-3-5-haiku-20241022'];
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) {
      const bucket = new Date(at.getTime() + i * 60_000);
      priceUsage({ provider: 'anthropic', model: models[i % 2]!, inputTokens: i, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: i, at: bucket });
    }
    expect(performance.now() - started).toBeLessThan(500);
  });
});
