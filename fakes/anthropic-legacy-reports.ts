import { choice, cursor, cents, groups, int, invalid, iso, list, pageCursor, sum, time, TOKEN_TYPES, usageMetrics, usdOf, WIDTH_MS } from './anthropic-reports';
import type { Group, Query, ReportContext, Width } from './anthropic-reports';

// The legacy Admin API reports of the fake Anthropic server (provider-apis.md §2; the SDK has
// no method for them): GET /v1/organizations/usage_report/messages and
// GET /v1/organizations/cost_report. `limit` counts buckets, each snapped to the UTC
// minute/hour/day, and buckets without usage are listed with `results: []`.

const LIMITS: Record<Width, { fallback: number; max: number }> = { '1d': { fallback: 7, max: 31 }, '1h': { fallback: 24, max: 168 }, '1m': { fallback: 60, max: 1440 } };
const USAGE_GROUPS = ['api_key_id', 'workspace_id', 'model', 'service_tier', 'context_window'] as const;
const TOKEN_LABELS: Record<(typeof TOKEN_TYPES)[number], string> = {
  uncached_input_tokens: 'Input Tokens',
  cache_read_input_tokens: 'Cache Read Input Tokens',
  output_tokens: 'Output Tokens',
};

// Buckets [first, last) of one page, with the groups of each, and the page's cursor.
function bucketPage(q: Query, ctx: ReportContext, width: Width, limit: number, dims: readonly string[]) {
  const startMs = time(q, 'starting_at');
  if (startMs === undefined) throw invalid('starting_at: field required');
  const widthMs = WIDTH_MS[width];
  const endMs = Math.min(time(q, 'ending_at') ?? Infinity, Math.ceil(ctx.nowMs / widthMs) * widthMs);
  if (endMs <= startMs) throw invalid('ending_at: must be after starting_at');
  const { offset, page } = pageCursor(q);
  const first = Math.floor(startMs / widthMs) * widthMs + offset * widthMs;
  const last = Math.min(endMs, first + limit * widthMs);
  const byBucket = new Map<number, Group[]>();
  for (const g of groups(ctx, q, first, last, widthMs, dims)) byBucket.set(g.startMs, [...(byBucket.get(g.startMs) ?? []), g]);
  const buckets: { startMs: number; endMs: number; groups: Group[] }[] = [];
  for (let b = first; b < last; b += widthMs) buckets.push({ startMs: b, endMs: b + widthMs, groups: byBucket.get(b) ?? [] });
  const hasMore = last < endMs;
  return { buckets, has_more: hasMore, next_page: hasMore ? cursor(offset + limit, page + 1) : null };
}

// Tokens only: this report has no request counts.
export function legacyMessagesReport(q: Query, ctx: ReportContext) {
  const width = choice<Width>(q, 'bucket_width', ['1d', '1h', '1m'], '1d')!;
  const limit = int(q, 'limit', LIMITS[width].fallback, 1, LIMITS[width].max);
  const dims = list(q, 'group_by', USAGE_GROUPS);
  const { buckets, ...page } = bucketPage(q, ctx, width, limit, dims);
  const data = buckets.map((b) => ({
    starting_at: iso(b.startMs),
    ending_at: iso(b.endMs),
    results: b.groups.map((g) => {
      const { uncached_input_tokens, cache_creation, cache_read_input_tokens, output_tokens, server_tool_use } = usageMetrics(g.rows);
      const values = Object.fromEntries(USAGE_GROUPS.map((d) => [d, g.values[d] ?? null]));
      return { uncached_input_tokens, cache_creation, cache_read_input_tokens, output_tokens, server_tool_use, ...values };
    }),
  }));
  return { data, ...page };
}

// Daily cost per workspace and/or line item ("description"); never per API key.
export function legacyCostReport(q: Query, ctx: ReportContext) {
  choice(q, 'bucket_width', ['1d'], '1d');
  const limit = int(q, 'limit', 7, 1, 31);
  const groupBy = list(q, 'group_by', ['workspace_id', 'description'] as const);
  const byDescription = groupBy.includes('description');
  const dims = byDescription ? ['workspace_id', 'model'].filter((d) => d === 'model' || groupBy.includes('workspace_id')) : groupBy;
  const { buckets, ...page } = bucketPage(q, ctx, '1d', limit, dims);
  const data = buckets.map((b) => ({
    starting_at: iso(b.startMs),
    ending_at: iso(b.endMs),
    results: b.groups.flatMap((g): Record<string, string | null>[] => {
      const workspace_id = (g.values.workspace_id as string | undefined) ?? null;
      const blank = { cost_type: null, model: null, service_tier: null, token_type: null, context_window: null, inference_geo: null };
      if (!byDescription) return [{ amount: cents(sum(g.rows, (r) => usdOf(r, b.startMs))), currency: 'USD', workspace_id, description: null, ...blank }];
      const model = g.values.model as string;
      return TOKEN_TYPES.map((t) => ({ t, usd: sum(g.rows, (r) => usdOf(r, b.startMs, t)) }))
        .filter((x) => x.usd > 0)
        .map((x) => ({
          amount: cents(x.usd),
          currency: 'USD',
          workspace_id,
          description: `${model} Usage - ${TOKEN_LABELS[x.t]}`,
          ...blank,
          cost_type: 'tokens',
          model,
          service_tier: 'standard',
          token_type: x.t,
          context_window: '0-200k',
        }));
    }),
  }));
  return { data, ...page };
}
