import type { ModelPrice } from '@pydantic/genai-prices';
import { modelPriceAt, type PriceProvider } from './model-prices';

// List price of one usage row (many requests summed). Pure apart from the memoised table
// lookup; called once per stored usage row, so the lookup is cached per model and day.

export type PriceInput = {
  provider: PriceProvider;
  model: string;
  inputTokens: number; // uncached input only
  cachedInputTokens: number; // cache reads
  cacheWriteTokens: number; // all cache writes (Anthropic 5m + 1h)
  cacheWrite1hTokens?: number; // the part of cacheWriteTokens written for one hour
  outputTokens: number;
  batch?: boolean;
  longContext?: boolean; // Anthropic's 200k-1M context window tier
  at: Date;
};

export type PriceResult = { costUsd: number; priced: boolean };

// OpenAI's Batch API and Anthropic's Message Batches both bill half the standard rate, cache
// reads and writes included; the table has no separate batch prices for either provider.
const BATCH_FACTOR = 0.5;

type Rate = ModelPrice[string];

// A tiered price is `{ base, tiers: [{ start: 200000, price }] }`. The table picks a tier from
// one request's input size; our rows come with the provider's own tier flag instead.
function perToken(rate: Rate, longContext: boolean): number | undefined {
  if (rate === undefined) return undefined;
  if (typeof rate === 'number') return rate / 1e6;
  const top = rate.tiers.at(-1);
  return (longContext && top ? top.price : rate.base) / 1e6;
}

export function priceUsage(input: PriceInput): PriceResult {
  const prices = modelPriceAt(input.provider, input.model, input.at);
  const long = input.longContext === true;
  const inputRate = prices ? perToken(prices.input_mtok, long) : undefined;
  if (!prices || inputRate === undefined) return { costUsd: 0, priced: false };

  const cacheRead = perToken(prices.cache_read_mtok, long) ?? inputRate;
  const cacheWrite = perToken(prices.cache_write_mtok, long) ?? inputRate;
  const cacheWrite1h = perToken(prices.cache_write_1h_mtok, long) ?? cacheWrite;
  const output = perToken(prices.output_mtok, long) ?? 0;
  const written1h = Math.min(input.cacheWrite1hTokens ?? 0, input.cacheWriteTokens);

  const usd =
    input.inputTokens * inputRate +
    input.cachedInputTokens * cacheRead +
    (input.cacheWriteTokens - written1h) * cacheWrite +
    written1h * cacheWrite1h +
    input.outputTokens * output;
  return { costUsd: input.batch ? usd * BATCH_FACTOR : usd, priced: true };
}
