import type { UsageBucketInput } from '@/lib/usage/upsert-usage-buckets';

// Provider minute buckets for the detection engine's tests: one row per minute of
// [from, to) with requests, gpt-4o-mini at a cent a request; minutes with none are left out.

export const MIN = 60_000;

export function minutes(keyId: string, from: number, to: number, requestsAt: (m: number) => number, region = ''): UsageBucketInput[] {
  const rows: UsageBucketInput[] = [];
  for (let t = from; t < to; t += MIN) {
    const requests = requestsAt(t);
    if (requests > 0) rows.push({ keyId, bucketStart: new Date(t), widthSeconds: 60, model: 'gpt-4o-mini', region, source: 'provider', requests, inputTokens: requests * 500, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: requests * 100, costUsd: requests * 0.01, costSource: 'priced' });
  }
  return rows;
}

/** 8 to 12 requests a minute, in a five-minute cycle. */
export const steady = (t: number) => 8 + ((t / MIN) % 5);
