import type Anthropic from '@anthropic-ai/sdk';
import { ReportPageCursor } from '@anthropic-ai/sdk/core/pagination';
import { z } from 'zod';
import { ProviderError } from './provider';
import type { CostRow, PageProgress, UsageRow, UsageWindow, WidthSeconds } from './provider';

// Reads Anthropic usage and cost through @anthropic-ai/sdk and normalises it: the Usage and
// Cost Analytics API (beta, per API key, with request counts and cost), and the legacy
// Admin reports it replaces (usage_report/messages: tokens only; cost_report: per workspace
// and line item, never per key), for organizations not enrolled in the beta.

const DAY = 86_400_000;
const WIDTH = { 60: '1m', 3600: '1h', 86400: '1d' } as const satisfies Record<WidthSeconds, string>;
// The analytics API serves at most 31 days per call, and 24 hours at 1-minute buckets.
export const MAX_RANGE_MS: Record<WidthSeconds, number> = { 60: DAY, 3600: 31 * DAY, 86400: 31 * DAY };
// Buckets per page of the legacy report (its maxima).
const LEGACY_LIMIT = { 60: 1440, 3600: 168, 86400: 31 } as const satisfies Record<WidthSeconds, number>;
const GROUP_BY = ['api_key_id', 'workspace_id', 'model', 'service_tier', 'context_window'] as const;

type Span = { startMs: number; endMs: number };
const iso = (ms: number) => new Date(ms).toISOString();

// [startMs, endMs) in calls the API accepts; buckets snap to UTC, so chunks start aligned.
export function chunks(window: Span, widthMs: number, maxMs: number): Span[] {
  const out: Span[] = [];
  for (let s = Math.floor(window.startMs / widthMs) * widthMs; s < window.endMs; s += maxMs) out.push({ startMs: s, endMs: Math.min(s + maxMs, window.endMs) });
  return out;
}

const count = z.number().nonnegative();
const dims = { api_key_id: z.string().nullish(), workspace_id: z.string().nullish(), model: z.string().nullish(), service_tier: z.string().nullish(), context_window: z.string().nullish() };
const tokens = {
  uncached_input_tokens: count,
  cache_read_input_tokens: count.default(0),
  cache_creation: z.object({ ephemeral_5m_input_tokens: count.default(0), ephemeral_1h_input_tokens: count.default(0) }).nullish(),
  output_tokens: count,
};
// Amounts are decimal strings in cents; some clients have seen numbers, so both are read.
const cents = z.union([z.string(), z.number()]).transform(Number).refine(Number.isFinite, 'amount is not a number');
const usd = z.string().refine((c) => c.toUpperCase() === 'USD', 'only USD amounts are expected');

const analyticsUsage = z.object({ starting_at: z.string(), group: z.object(dims), usage: z.object({ ...tokens, requests: count.nullish() }) });
const legacyUsage = z.object({ starting_at: z.string(), results: z.array(z.object({ ...tokens, ...dims })) });
const analyticsCost = z.object({ starting_at: z.string(), group: z.object(dims), cost: z.object({ amount: cents, currency: usd }) });
const legacyCost = z.object({ starting_at: z.string(), results: z.array(z.object({ amount: cents, currency: usd, workspace_id: z.string().nullish(), model: z.string().nullish() })) });

function checked<T extends z.ZodType>(schema: T, item: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(item);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderError('anthropic', 'unavailable', `Unexpected ${what} from Anthropic: ${issue?.path.join('.')} ${issue?.message}`);
  }
  return parsed.data;
}

type Dims = { api_key_id?: string | null; workspace_id?: string | null; model?: string | null; service_tier?: string | null; context_window?: string | null };
type Tokens = {
  uncached_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number } | null;
  output_tokens: number;
};

// Sums what the API splits further (tiers, geos) into one row per bucket, key and model,
// keeping batch and the long-context tier apart because they are priced differently.
export class UsageRows {
  private readonly rows = new Map<string, UsageRow>();
  constructor(private readonly widthSeconds: WidthSeconds) {}

  add(startingAt: string, d: Dims, t: Tokens, requests: number) {
    const batch = d.service_tier === 'batch';
    const longContext = d.context_window === '200k-1M';
    const bucketStartMs = Date.parse(startingAt);
    const model = d.model ?? 'unknown';
    const id = [bucketStartMs, d.api_key_id, model, batch, longContext].join('\0');
    let row = this.rows.get(id);
    if (!row) {
      const zero = { requests: 0, inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, outputTokens: 0 };
      row = { providerKeyId: d.api_key_id ?? null, projectId: d.workspace_id ?? null, bucketStartMs, widthSeconds: this.widthSeconds, model, ...zero };
      if (batch) row.batch = true;
      if (longContext) row.longContext = true;
      this.rows.set(id, row);
    }
    const written1h = t.cache_creation?.ephemeral_1h_input_tokens ?? 0;
    row.requests += requests;
    row.inputTokens += t.uncached_input_tokens;
    row.cachedInputTokens += t.cache_read_input_tokens;
    row.cacheWriteTokens += (t.cache_creation?.ephemeral_5m_input_tokens ?? 0) + written1h;
    row.cacheWrite1hTokens = (row.cacheWrite1hTokens ?? 0) + written1h;
    row.outputTokens += t.output_tokens;
  }

  all(): UsageRow[] {
    return [...this.rows.values()];
  }
}

type Progress = { count: (rows: number) => void };
export function progress(onPage?: (p: PageProgress) => void): Progress {
  const p: PageProgress = { pages: 0, rows: 0 };
  return { count: (rows) => onPage?.({ pages: (p.pages += 1), rows: (p.rows += rows) }) };
}

async function eachPage(first: Promise<{ iterPages(): AsyncGenerator<{ getPaginatedItems(): unknown[] }> }>, p: Progress, take: (item: unknown) => void) {
  for await (const page of (await first).iterPages()) {
    const items = page.getPaginatedItems();
    items.forEach(take);
    p.count(items.length);
  }
}

// `limit` is rows per page (1..1000); a time bucket with several keys and models is several rows.
export async function readAnalyticsUsage(client: Anthropic, window: UsageWindow, p: Progress, limit = 1000): Promise<UsageRow[]> {
  const rows = new UsageRows(window.widthSeconds);
  for (const c of chunks(window, window.widthSeconds * 1000, MAX_RANGE_MS[window.widthSeconds])) {
    const query = { starting_at: iso(c.startMs), ending_at: iso(c.endMs), time_bucket_width: WIDTH[window.widthSeconds], group_by: [...GROUP_BY], limit };
    await eachPage(client.beta.organization.analytics.usage.list({ ...query, order_by: 'time', order: 'asc' }), p, (raw) => {
      const item = checked(analyticsUsage, raw, 'usage row');
      rows.add(item.starting_at, item.group, item.usage, item.usage.requests ?? 0);
    });
  }
  return rows.all();
}

// The legacy report has no request counts: rows from it carry requests 0.
export async function readLegacyUsage(client: Anthropic, window: UsageWindow, p: Progress): Promise<UsageRow[]> {
  const rows = new UsageRows(window.widthSeconds);
  for (const c of chunks(window, window.widthSeconds * 1000, MAX_RANGE_MS[window.widthSeconds])) {
    const query = { starting_at: iso(c.startMs), ending_at: iso(c.endMs), bucket_width: WIDTH[window.widthSeconds], group_by: [...GROUP_BY], limit: LEGACY_LIMIT[window.widthSeconds] };
    await eachPage(client.getAPIList('/v1/organizations/usage_report/messages', ReportPageCursor<unknown>, { query }), p, (raw) => {
      const bucket = checked(legacyUsage, raw, 'usage bucket');
      for (const r of bucket.results) rows.add(bucket.starting_at, r, r, 0);
    });
  }
  return rows.all();
}

function addCost(acc: Map<string, CostRow>, row: CostRow) {
  const id = [row.dayStartMs, row.providerKeyId, row.projectId, row.model].join('\0');
  const seen = acc.get(id);
  if (seen) seen.costUsd += row.costUsd;
  else acc.set(id, row);
}

export async function readAnalyticsCosts(client: Anthropic, window: Span): Promise<CostRow[]> {
  const acc = new Map<string, CostRow>();
  for (const c of chunks(window, DAY, 31 * DAY)) {
    const query = { starting_at: iso(c.startMs), ending_at: iso(c.endMs), time_bucket_width: '1d' as const, group_by: ['api_key_id' as const, 'workspace_id' as const, 'model' as const], limit: 1000 };
    await eachPage(client.beta.organization.analytics.cost.list(query), progress(), (raw) => {
      const { starting_at, group, cost } = checked(analyticsCost, raw, 'cost row');
      addCost(acc, { dayStartMs: Date.parse(starting_at), providerKeyId: group.api_key_id ?? null, projectId: group.workspace_id ?? null, model: group.model ?? null, costUsd: cost.amount / 100 });
    });
  }
  return [...acc.values()];
}

// Per workspace and model only: the legacy cost report has no API-key dimension.
export async function readLegacyCosts(client: Anthropic, window: Span): Promise<CostRow[]> {
  const acc = new Map<string, CostRow>();
  for (const c of chunks(window, DAY, 31 * DAY)) {
    const query = { starting_at: iso(c.startMs), ending_at: iso(c.endMs), bucket_width: '1d', group_by: ['workspace_id', 'description'], limit: 31 };
    await eachPage(client.getAPIList('/v1/organizations/cost_report', ReportPageCursor<unknown>, { query }), progress(), (raw) => {
      const bucket = checked(legacyCost, raw, 'cost bucket');
      const dayStartMs = Date.parse(bucket.starting_at);
      for (const r of bucket.results) addCost(acc, { dayStartMs, providerKeyId: null, projectId: r.workspace_id ?? null, model: r.model ?? null, costUsd: r.amount / 100 });
    });
  }
  return [...acc.values()];
}
