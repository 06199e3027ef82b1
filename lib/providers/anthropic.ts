import { createHash } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { logger } from '@/lib/log';
import { toProviderError } from './anthropic-errors';
import { MAX_RANGE_MS, progress, readAnalyticsCosts, readAnalyticsUsage, readLegacyCosts, readLegacyUsage } from './anthropic-usage';
import { ProviderError } from './provider';
import type { ConnectionAccess, KeyInfo, Provider, UsageRow, UsageWindow } from './provider';

// The Anthropic connector: @anthropic-ai/sdk against the Admin API. Usage and cost per API
// key come from the Usage and Cost Analytics API (beta); an organization not enrolled in it
// is read from the legacy usage report (tokens only, no request counts) and, for costs, the
// legacy cost report (per workspace, not per key). Retries are the job layer's (it honours
// Retry-After), so the SDK's own are off.

const PUBLIC_BASE_URL = 'https://api.anthropic.com';
const DAY = 86_400_000;
// The analytics API reads no further back than 2026-01-01 and 365 days; older windows go to
// the legacy report (a day of margin on the 365 for clock skew).
const ANALYTICS_EARLIEST_MS = Date.parse('2026-01-01T00:00:00Z');
const ANALYTICS_HISTORY_MS = 364 * DAY;

export type AnthropicProviderOptions = {
  timeoutMs?: number; // per request
  now?: () => number;
  recheckEnrollmentMs?: number; // how long a "not enrolled" answer is believed before asking again
  analyticsPageLimit?: number; // usage rows per analytics page, 1..1000
};

function client(access: ConnectionAccess, timeoutMs: number): Anthropic {
  // The SDK sends the key as `Authorization: Bearer` with `anthropic-version`; an explicit
  // null keeps ANTHROPIC_AUTH_TOKEN in the environment out of the requests.
  return new Anthropic({ apiKey: access.adminKey, authToken: null, baseURL: access.baseUrl ?? PUBLIC_BASE_URL, maxRetries: 0, timeout: timeoutMs });
}

const keySchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  partial_key_hint: z.string().nullish(),
  status: z.string(),
  created_at: z.string().nullish(),
  workspace_id: z.string().nullish(), // older responses
  scope: z.object({ type: z.string(), workspace_id: z.string().nullish() }).nullish(),
  created_by: z.object({ id: z.string(), type: z.string().nullish() }).nullish(),
});

function toKeyInfo(raw: unknown): KeyInfo {
  const parsed = keySchema.safeParse(raw);
  if (!parsed.success) throw new ProviderError('anthropic', 'unavailable', `Unexpected API key from Anthropic: ${parsed.error.issues[0]?.message}`);
  const k = parsed.data;
  const created = k.created_at ? Date.parse(k.created_at) : NaN;
  return {
    providerKeyId: k.id,
    name: k.name || k.id,
    redactedHint: k.partial_key_hint ?? null,
    projectId: k.scope?.workspace_id ?? k.workspace_id ?? null,
    projectName: null, // workspace names are not on the key
    owner: k.created_by?.id ?? null, // the creator's user or service-account id (no e-mail on the key)
    status: k.status === 'active' ? 'active' : 'inactive', // inactive, archived, expired
    createdAtMs: Number.isNaN(created) ? null : created,
    lastUsedAtMs: null, // not reported by Anthropic
  };
}

export function createAnthropicProvider(options: AnthropicProviderOptions = {}): Provider {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const now = options.now ?? Date.now;
  const recheckMs = options.recheckEnrollmentMs ?? 6 * 3_600_000;
  // Connections whose organization is not enrolled in the analytics beta, by a fingerprint
  // (never the key itself), with when we learnt it: an organization can enrol later.
  const notEnrolledAt = new Map<string, number>();
  const fingerprint = (access: ConnectionAccess) => createHash('sha256').update(`${access.baseUrl ?? ''}\0${access.adminKey}`).digest('hex');

  async function run<T>(access: ConnectionAccess, call: (c: Anthropic) => Promise<T>): Promise<T> {
    try {
      return await call(client(access, timeoutMs));
    } catch (error) {
      throw toProviderError(error, access.adminKey, now());
    }
  }

  // Analytics first; on "not enrolled", remember it and read the legacy report instead.
  async function withFallback<T>(access: ConnectionAccess, analytics: () => Promise<T>, legacy: () => Promise<T>): Promise<T> {
    const id = fingerprint(access);
    const since = notEnrolledAt.get(id);
    if (since === undefined || now() - since >= recheckMs) {
      try {
        const result = await analytics();
        notEnrolledAt.delete(id);
        return result;
      } catch (error) {
        if (!(error instanceof ProviderError && error.kind === 'not_enrolled')) throw error;
        notEnrolledAt.set(id, now());
        logger.info('anthropic_analytics_not_enrolled', { fallback: 'legacy_reports', message: error.message });
      }
    }
    return legacy();
  }

  return {
    id: 'anthropic',
    maxWindowMs: MAX_RANGE_MS,

    async validateCredential(access) {
      await run(access, (c) => c.organization.apiKeys.list({ limit: 1 }));
    },

    async fetchUsage(access, window, onPage) {
      const p = progress(onPage);
      const widthMs = window.widthSeconds * 1000;
      const from = Math.ceil(Math.max(ANALYTICS_EARLIEST_MS, now() - ANALYTICS_HISTORY_MS) / widthMs) * widthMs;
      const rows: UsageRow[] = [];
      const old: UsageWindow = { ...window, endMs: Math.min(window.endMs, from) };
      const recent: UsageWindow = { ...window, startMs: Math.max(window.startMs, from) };
      if (old.startMs < old.endMs) rows.push(...(await run(access, (c) => readLegacyUsage(c, old, p))));
      if (recent.startMs < recent.endMs) {
        const read = (legacy: boolean) => run(access, (c) => (legacy ? readLegacyUsage(c, recent, p) : readAnalyticsUsage(c, recent, p, options.analyticsPageLimit)));
        rows.push(...(await withFallback(access, () => read(false), () => read(true))));
      }
      return rows;
    },

    async fetchCosts(access, window) {
      return withFallback(
        access,
        () => run(access, (c) => readAnalyticsCosts(c, window)),
        () => run(access, (c) => readLegacyCosts(c, window)),
      );
    },

    async listKeys(access) {
      return run(access, async (c) => {
        const keys: KeyInfo[] = [];
        for await (const key of c.organization.apiKeys.list({ limit: 1000 })) keys.push(toKeyInfo(key));
        return keys;
      });
    },

    async disableKey(access, key) {
      await run(access, (c) => c.organization.apiKeys.update(key.providerKeyId, { status: 'inactive' }));
    },
  };
}

export const anthropicProvider = createAnthropicProvider();
