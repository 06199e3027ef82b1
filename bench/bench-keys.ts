import { createPrng, prngUuid } from './prng';

// The API keys both benchmarks write usage for: a few hundred, OpenAI and Anthropic, in two
// environments, with stable ids and provider key ids derived from the seed.

export type BenchKey = {
  id: string;
  provider: 'openai' | 'anthropic';
  providerKeyId: string;
  name: string;
  environment: 'production' | 'staging';
  models: string[];
  regions: string[];
};

export const BENCH_ENVIRONMENTS = ['production', 'staging'] as const;

export const MODELS = {
  openai: ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'o4-mini', 'text-embedding-3-small'],
  anthropic: ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'],
} as const;

// Fine-tuned and gateway-named models carry characters that array literals and COPY's text
// format must escape; a few keys use them so every write method is checked on them.
const ODD_MODELS = ['ft:gpt-4o-mini-2024-07-18:acme:support,v2:9xYz', 'team\\bot "beta" {eu}'] as const;

// "" is an unknown caller region, as stored for events without a country or public IP.
export const REGIONS = ['US', 'US', 'US', 'DE', 'GB', 'FR', 'IN', 'BR', 'JP', 'CA', ''] as const;

export function generateBenchKeys(count: number, seed: number): BenchKey[] {
  const prng = createPrng(seed ^ 0x5eed_4b3f);
  return Array.from({ length: count }, (_, i) => {
    const provider = prng.chance(0.6) ? 'openai' : 'anthropic';
    const catalogue = MODELS[provider];
    const models: string[] = [...new Set(Array.from({ length: prng.int(1, 3) }, () => prng.pick(catalogue)))];
    if (i % 37 === 5) models.push(ODD_MODELS[i % 2]!);
    const regions = [...new Set(Array.from({ length: prng.int(1, 3) }, () => prng.pick(REGIONS)))];
    const n = String(i).padStart(4, '0');
    return {
      id: prngUuid(prng),
      provider,
      providerKeyId: provider === 'openai' ? `key_bench${n}` : `apikey_01bench${n}`,
      name: `bench-${n}`,
      environment: prng.chance(0.75) ? 'production' : 'staging',
      models,
      regions,
    };
  });
}
