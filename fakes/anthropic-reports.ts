import { priceUsage } from '@/lib/pricing/price-usage';
import { one } from './fake-http';
import type { FakeTraffic, FakeUsageRow } from './fake-traffic';

// The Usage and Cost Analytics API of the fake Anthropic admin server, built from
// FakeTraffic: GET /v1/organizations/analytics/{usage,cost} in the shapes of
// @anthropic-ai/sdk 1.12.0 `beta.organization.analytics.usage/cost`, plus the query parsing
// and grouping the legacy reports (anthropic-legacy-reports.ts) share.

export const WIDTH_MS = { '1m': 60_000, '1h': 3_600_000, '1d': 86_400_000 } as const;
export type Width = keyof typeof WIDTH_MS;
export type Query = Map<string, string[]>;

const HOUR = WIDTH_MS['1h'];
const DAY = WIDTH_MS['1d'];
// The analytics API reads no further back than this, nor more than 365 days.
export const ANALYTICS_EARLIEST_MS = Date.parse('2026-01-01T00:00:00Z');

export class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly details?: Record<string, string>,
  ) {
    super(message);
  }
}

export const invalid = (message: string) => new FakeApiError(400, 'invalid_request_error', message);

// `cache` keeps recent reports by query (less the page cursor) and clock, so paging through
// one report does not rebuild it for every page.
export type ReportContext = { traffic: FakeTraffic; keyIds: ReadonlySet<string>; nowMs: number; cache?: Map<string, unknown> };

function cached<T>(ctx: ReportContext, q: Query, kind: string, build: () => T): T {
  if (!ctx.cache) return build();
  const id = JSON.stringify([kind, ctx.nowMs, [...q].filter(([k]) => k !== 'page')]);
  if (!ctx.cache.has(id)) {
    if (ctx.cache.size >= 16) ctx.cache.delete(ctx.cache.keys().next().value!);
    ctx.cache.set(id, build());
  }
  return ctx.cache.get(id) as T;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

export function time(q: Query, name: string): number | undefined {
  const value = one(q, name);
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(value);
  if (!RFC3339.test(value) || Number.isNaN(ms)) throw invalid(`${name}: expected an RFC 3339 timestamp with a time zone, got "${value}"`);
  return ms;
}

export function int(q: Query, name: string, fallback: number, min: number, max: number): number {
  const value = one(q, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw invalid(`${name}: must be an integer between ${min} and ${max}, got "${value}"`);
  return n;
}

export function choice<T extends string>(q: Query, name: string, allowed: readonly T[], fallback?: T): T | undefined {
  const value = one(q, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw invalid(`${name}: must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

export function list<T extends string>(q: Query, name: string, allowed: readonly T[]): T[] {
  const values = q.get(name) ?? [];
  const bad = values.find((v) => !(allowed as readonly string[]).includes(v));
  if (bad !== undefined) throw invalid(`${name}[]: "${bad}" is not one of ${allowed.join(', ')}`);
  return values as T[];
}

// Page cursors are opaque to clients: `page_` + base64 of the next offset and page number.
export const cursor = (offset: number, page: number) => `page_${Buffer.from(`offset:${offset}:page:${page}`).toString('base64')}`;
export function pageCursor(q: Query): { offset: number; page: number } {
  const value = one(q, 'page');
  if (!value) return { offset: 0, page: 1 };
  const m = /^offset:(\d+):page:(\d+)$/.exec(Buffer.from(value.replace(/^page_/, ''), 'base64').toString('utf8'));
  if (!m) throw invalid('page: not a cursor this endpoint returned');
  return { offset: Number(m[1]), page: Number(m[2]) };
}

export const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

// What every traffic row is, in the API's dimensions. The fake's traffic is all standard-tier
// Messages API traffic under 200k context, made with API keys.
const DIMENSIONS = {
  api_key_id: (r: FakeUsageRow) => r.providerKeyId,
  workspace_id: (r: FakeUsageRow) => r.projectId,
  model: (r: FakeUsageRow) => r.model,
  service_tier: () => 'standard',
  context_window: () => '0-200k',
  actor: (r: FakeUsageRow) => ({ type: 'api_actor', api_key_id: r.providerKeyId }),
  actor_type: () => 'api_actor',
  product: () => 'messages_api',
  inference_geo: () => 'global',
  speed: () => 'standard',
} as const satisfies Record<string, (r: FakeUsageRow) => unknown>;
const dim = (r: FakeUsageRow, d: string): unknown => (d in DIMENSIONS ? DIMENSIONS[d as keyof typeof DIMENSIONS](r) : null);

const ANALYTICS_GROUPS = [
  'actor', 'actor_type', 'agent_id', 'api_key_id', 'claude_tag_category', 'claude_tag_user_id', 'context_window', 'deployment_id',
  'environment_id', 'inference_geo', 'model', 'organization_id', 'product', 'rbac_group_id', 'service_tier', 'session_id',
  'slack_channel_id', 'speed', 'user_profile_id', 'workspace_id',
] as const;
const COST_FANOUT = ['cost_type', 'token_type'] as const;
const FILTERS = { api_key_ids: 'api_key_id', workspace_ids: 'workspace_id', models: 'model', service_tiers: 'service_tier', context_windows: 'context_window' } as const;

function keep(q: Query, r: FakeUsageRow): boolean {
  return Object.entries(FILTERS).every(([param, d]) => {
    const wanted = q.get(param);
    return !wanted?.length || wanted.includes(String(dim(r, d)));
  });
}

export type Group = { startMs: number; endMs: number; key: string; values: Record<string, unknown>; rows: FakeUsageRow[] };

// Traffic cut into buckets [startMs, endMs) of `widthMs` (aligned), then grouped by `dims`.
export function groups(ctx: ReportContext, q: Query, startMs: number, endMs: number, widthMs: number, dims: readonly string[]): Group[] {
  const out: Group[] = [];
  for (const bucket of ctx.traffic.buckets(startMs, endMs, widthMs, ctx.keyIds)) {
    const byKey = new Map<string, Group>();
    for (const r of bucket.rows.filter((row) => keep(q, row))) {
      const values = Object.fromEntries(dims.map((d) => [d, dim(r, d)]));
      const key = JSON.stringify(values);
      const g = byKey.get(key) ?? { startMs: bucket.startMs, endMs: bucket.endMs, key, values, rows: [] };
      g.rows.push(r);
      byKey.set(key, g);
    }
    out.push(...byKey.values());
  }
  return out;
}

export const sum = (rows: FakeUsageRow[], f: (r: FakeUsageRow) => number) => rows.reduce((s, r) => s + f(r), 0);
export const TOKEN_TYPES = ['uncached_input_tokens', 'cache_read_input_tokens', 'output_tokens'] as const;
const tokensOf = (r: FakeUsageRow, t: (typeof TOKEN_TYPES)[number]) =>
  t === 'uncached_input_tokens' ? r.inputTokens : t === 'cache_read_input_tokens' ? r.cachedInputTokens : r.outputTokens;

export function usdOf(r: FakeUsageRow, atMs: number, only?: (typeof TOKEN_TYPES)[number]): number {
  const n = (t: (typeof TOKEN_TYPES)[number]) => (only && only !== t ? 0 : tokensOf(r, t));
  const tokens = { inputTokens: n('uncached_input_tokens'), cachedInputTokens: n('cache_read_input_tokens'), cacheWriteTokens: 0, outputTokens: n('output_tokens') };
  return priceUsage({ provider: 'anthropic', model: r.model, ...tokens, at: new Date(atMs) }).costUsd;
}

// Amounts are decimal strings in (fractional) cents.
export const cents = (usd: number) => (Math.round(usd * 100 * 1e6) / 1e6).toFixed(6).replace(/\.?0+$/, '') || '0';

export function usageMetrics(rows: FakeUsageRow[]) {
  const uncached = sum(rows, (r) => r.inputTokens);
  const read = sum(rows, (r) => r.cachedInputTokens);
  const output = sum(rows, (r) => r.outputTokens);
  return {
    uncached_input_tokens: uncached,
    cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 },
    cache_read_input_tokens: read,
    output_tokens: output,
    requests: sum(rows, (r) => r.requests),
    server_tool_use: { web_search_requests: 0 },
    total_tokens: uncached + read + output,
  };
}

export function analyticsReport(kind: 'usage' | 'cost', q: Query, ctx: ReportContext) {
  const startMs = time(q, 'starting_at');
  if (startMs === undefined) throw invalid('starting_at: field required');
  if (startMs < ANALYTICS_EARLIEST_MS || startMs < ctx.nowMs - 365 * DAY)
    throw invalid('starting_at: must be within the last 365 days and no earlier than 2026-01-01T00:00:00Z');
  const width = choice<Width>(q, 'time_bucket_width', ['1d', '1h', '1m']);
  let endMs = time(q, 'ending_at');
  if (endMs === undefined && width) throw invalid('ending_at: required when time_bucket_width is set');
  endMs ??= Math.min(ctx.nowMs, startMs + 31 * DAY);
  if (endMs <= startMs) throw invalid('ending_at: must be after starting_at');
  if (endMs - startMs > 31 * DAY) throw invalid('The range may span at most 31 days');
  if (width === '1m' && endMs - startMs > DAY) throw invalid('With time_bucket_width=1m the range may span at most 24 hours');
  const allowed = kind === 'cost' ? [...ANALYTICS_GROUPS, ...COST_FANOUT] : ANALYTICS_GROUPS;
  const groupBy = list(q, 'group_by', allowed);
  const dims = groupBy.filter((d) => !(COST_FANOUT as readonly string[]).includes(d));
  if (dims.length > 5) throw invalid('group_by[]: at most 5 dimensions');
  const limit = int(q, 'limit', 20, 1, 1000);
  const metricOrders = kind === 'cost' ? (['amount', 'list_amount'] as const) : (['total_tokens', 'output_tokens', 'requests', 'uncached_input_tokens'] as const);
  const orderBy = choice<string>(q, 'order_by', [...metricOrders, 'time'], metricOrders[0])!;
  const order = choice(q, 'order', ['asc', 'desc'], 'desc')!;

  const [from, to, widthMs] = width
    ? [Math.floor(startMs / WIDTH_MS[width]) * WIDTH_MS[width], endMs, WIDTH_MS[width]]
    : [Math.floor(startMs / HOUR) * HOUR, Math.floor(endMs / HOUR) * HOUR, 2 ** 52]; // one row per group for the range
  const build = () => {
    const rows = groups(ctx, q, from, to, widthMs, dims).map((g) => {
      const usage = usageMetrics(g.rows);
      const usd = sum(g.rows, (r) => usdOf(r, g.startMs));
      const metric = kind === 'cost' ? usd : usage[orderBy === 'time' ? 'total_tokens' : (orderBy as 'total_tokens')];
      return { g, usage, usd, metric };
    });
    // Ranked by the metric; by time (then biggest first within a bucket) when asked to.
    type Row = (typeof rows)[number];
    const sign = order === 'asc' ? 1 : -1;
    const tie = (a: Row, b: Row) => a.g.key.localeCompare(b.g.key);
    const byMetric = (a: Row, b: Row) => sign * (a.metric - b.metric) || tie(a, b);
    const byTime = (a: Row, b: Row) => sign * (a.g.startMs - b.g.startMs) || b.metric - a.metric || tie(a, b);
    return rows.sort(orderBy === 'time' && width ? byTime : byMetric);
  };
  const rows = cached(ctx, q, kind, build);

  const { offset, page: pageNo } = pageCursor(q);
  const page = rows.slice(offset, offset + limit);
  const hasMore = offset + limit < rows.length;
  const group = (extra: Record<string, unknown> = {}) => (g: Group) =>
    Object.fromEntries([...allowed].map((d) => [d, d in extra ? extra[d] : d in g.values ? g.values[d] : null]));
  const bounds = (g: Group) => ({ starting_at: iso(g.startMs), ending_at: iso(width ? g.startMs + WIDTH_MS[width] : to) });
  const data =
    kind === 'usage'
      ? page.map(({ g, usage }) => ({ ...bounds(g), group: group()(g), usage }))
      : page.flatMap(({ g, usage, usd }) => {
          const money = (amount: number, requests: number | null) => ({ amount: cents(amount), currency: 'USD', list_amount: cents(amount), requests });
          if (!groupBy.includes('token_type')) {
            const extra = groupBy.includes('cost_type') ? { cost_type: 'tokens' } : {};
            return [{ ...bounds(g), group: group(extra)(g), cost: money(usd, groupBy.includes('cost_type') ? null : usage.requests) }];
          }
          return TOKEN_TYPES.map((t) => ({ t, usd: sum(g.rows, (r) => usdOf(r, g.startMs, t)) }))
            .filter((x) => x.usd > 0)
            .map((x) => ({ ...bounds(g), group: group({ cost_type: 'tokens', token_type: x.t })(g), cost: money(x.usd, null) }));
        });
  return { data, has_more: hasMore, next_page: hasMore ? cursor(offset + limit, pageNo + 1) : null, data_refreshed_at: iso(ctx.nowMs) };
}
