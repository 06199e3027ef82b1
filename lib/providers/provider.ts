import type { ProviderId } from '@/generated/prisma/enums';

// What every provider connector implements. Connectors are thin adapters over the
// providers' official SDKs: they page through the admin APIs and normalise rows; pricing,
// storage and scheduling live elsewhere (lib/pricing, lib/usage, lib/collect).

export type { ProviderId };

export type ConnectionAccess = {
  adminKey: string; // never logged, never returned, never put in an error message
  baseUrl?: string | null; // null: the provider's public API
};

export type WidthSeconds = 60 | 3600 | 86400;

export type UsageWindow = {
  startMs: number; // inclusive
  endMs: number; // exclusive
  widthSeconds: WidthSeconds;
};

// One row per bucket, API key and model (summed over whatever else the provider splits by).
export type UsageRow = {
  providerKeyId: string | null; // null: usage the provider does not attribute to a key
  projectId: string | null; // OpenAI project / Anthropic workspace
  bucketStartMs: number; // aligned to the width in UTC
  widthSeconds: WidthSeconds;
  model: string; // as the provider names it, e.g. gpt-4o-mini-2024-07-18
  requests: number;
  inputTokens: number; // uncached input (cache reads and writes excluded)
  cachedInputTokens: number; // cache reads
  cacheWriteTokens: number; // cache creation (Anthropic 5m + 1h)
  cacheWrite1hTokens?: number; // the part of cacheWriteTokens written for 1 hour
  outputTokens: number;
  batch?: boolean; // OpenAI batch API (half price)
  longContext?: boolean; // Anthropic 200k-1M context window tier
  costUsd?: number; // only when the provider reports cost at this very grain
};

// Daily cost as the provider reports it, for reconciliation against priced usage.
export type CostRow = {
  dayStartMs: number;
  providerKeyId: string | null;
  projectId: string | null;
  model: string | null;
  costUsd: number;
};

export type KeyInfo = {
  providerKeyId: string;
  name: string;
  redactedHint: string | null;
  projectId: string | null;
  projectName: string | null;
  owner: string | null; // e-mail or service account name
  status: 'active' | 'inactive';
  createdAtMs: number | null;
  lastUsedAtMs: number | null;
};

export type PageProgress = { pages: number; rows: number };

export interface Provider {
  readonly id: ProviderId;
  // Widths the usage API serves, and the longest window one call should cover for each.
  readonly maxWindowMs: Record<WidthSeconds, number>;
  validateCredential(access: ConnectionAccess): Promise<void>;
  fetchUsage(access: ConnectionAccess, window: UsageWindow, onPage?: (p: PageProgress) => void): Promise<UsageRow[]>;
  fetchCosts(access: ConnectionAccess, window: { startMs: number; endMs: number }): Promise<CostRow[]>;
  listKeys(access: ConnectionAccess): Promise<KeyInfo[]>;
  disableKey(access: ConnectionAccess, key: { providerKeyId: string; projectId: string | null }): Promise<void>;
}

export type ProviderErrorKind = 'auth' | 'forbidden' | 'rate_limited' | 'unavailable' | 'bad_request' | 'not_enrolled' | 'not_found';

// Thrown by connectors. `message` is the provider's own message, checked to hold no secret.
export class ProviderError extends Error {
  constructor(
    readonly provider: ProviderId,
    readonly kind: ProviderErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }

  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'unavailable';
  }
}
