import { demoCostUsd } from '@/lib/demo/demo-prices';
import type { DemoModel } from '@/lib/demo/demo-prices';
import type { FakeTraffic, FakeUsageRow } from './fake-traffic';
import { one } from './fake-http';

// The usage and costs endpoints of the fake OpenAI Admin API: query validation, bucket
// pages with opaque cursors, and grouping (fields not grouped by come back null and the
// rows are summed over them). Wire format: /work/shared/reference/provider-apis.md §1.

const WIDTHS = { '1m': 60_000, '1h': 3_600_000, '1d': 86_400_000 } as const;
type Width = keyof typeof WIDTHS;
// Buckets per page: default and maximum, per width (costs: 1d only, 1..180).
const LIMITS: Record<Width, { def: number; max: number }> = { '1m': { def: 60, max: 1440 }, '1h': { def: 24, max: 168 }, '1d': { def: 7, max: 31 } };
const COST_LIMIT = { def: 7, max: 180 };

const BY_KEY = ['project_id', 'user_id', 'api_key_id', 'model'];
// Endpoint -> what it may be grouped by. Only completions carry traffic: the demo keys make
// chat completions only, so the others answer valid, empty buckets.
export const USAGE_ENDPOINTS: Record<string, readonly string[]> = {
  completions: [...BY_KEY, 'batch', 'service_tier'],
  embeddings: BY_KEY,
  moderations: BY_KEY,
  images: [...BY_KEY, 'size', 'source'],
  audio_speeches: BY_KEY,
  audio_transcriptions: BY_KEY,
  vector_stores: ['project_id'],
  code_interpreter_sessions: ['project_id'],
  file_search_calls: ['project_id', 'user_id', 'api_key_id', 'vector_store_id'],
  web_search_calls: [...BY_KEY, 'context_level'],
};

export class BadQuery extends Error {
  constructor(
    message: string,
    readonly param: string | null,
  ) {
    super(message);
  }
}

type Query = Map<string, string[]>;
type Bucket = { object: 'bucket'; start_time: number; end_time: number; results: Record<string, unknown>[] };
export type UsagePage = { object: 'page'; data: Bucket[]; has_more: boolean; next_page: string | null };

// The cursor is the page number and the start of the next page, base64 like the real one.
export function encodeCursor(page: number, startSec: number): string {
  const buf = Buffer.alloc(12);
  buf.writeUInt32BE(page, 0);
  buf.writeBigUInt64BE(BigInt(startSec), 4);
  return buf.toString('base64');
}

export function decodeCursor(cursor: string): { page: number; startSec: number } | null {
  const buf = Buffer.from(cursor, 'base64');
  if (buf.length !== 12 || buf.toString('base64') !== cursor) return null;
  return { page: buf.readUInt32BE(0), startSec: Number(buf.readBigUInt64BE(4)) };
}

function int(query: Query, name: string): number | undefined {
  const raw = one(query, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new BadQuery(`Invalid value for '${name}': expected an integer, got '${raw}'.`, name);
  return Number(raw);
}

function set(query: Query, name: string): Set<string> | undefined {
  const values = query.get(name);
  return values ? new Set(values) : undefined;
}

type Plan = { width: Width; page: number; pageStartMs: number; pageEndMs: number; endMs: number; groupBy: string[] };

function plan(query: Query, nowMs: number, allowed: readonly string[], costs: boolean): Plan {
  const start = int(query, 'start_time');
  if (start === undefined) throw new BadQuery("Missing required parameter: 'start_time'.", 'start_time');
  const endMs = (int(query, 'end_time') ?? Math.floor(nowMs / 1000)) * 1000;
  if (endMs <= start * 1000) throw new BadQuery("'end_time' must be after 'start_time'.", 'end_time');
  const width = (one(query, 'bucket_width') ?? '1d') as Width;
  if (!(width in WIDTHS) || (costs && width !== '1d')) throw new BadQuery(`Invalid value for 'bucket_width': '${width}' is not supported${costs ? ' (only 1d)' : ''}.`, 'bucket_width');
  const { def, max } = costs ? COST_LIMIT : LIMITS[width];
  const limit = int(query, 'limit') ?? def;
  if (limit < 1 || limit > max) throw new BadQuery(`Invalid value for 'limit': must be between 1 and ${max} for bucket_width=${width}.`, 'limit');
  const groupBy = query.get('group_by') ?? [];
  const bad = groupBy.find((g) => !allowed.includes(g));
  if (bad) throw new BadQuery(`Invalid value for 'group_by': '${bad}'. Supported values are ${allowed.join(', ')}.`, 'group_by');
  const cursor = one(query, 'page');
  const decoded = cursor === undefined ? { page: 1, startSec: start } : decodeCursor(cursor);
  if (!decoded) throw new BadQuery("Invalid value for 'page': not a cursor this API returned.", 'page');
  const widthMs = WIDTHS[width];
  const pageStartMs = decoded.startSec * 1000;
  // The first bucket runs to the next aligned boundary; the rest are whole widths.
  const pageEndMs = Math.min(endMs, Math.floor(pageStartMs / widthMs) * widthMs + limit * widthMs);
  return { width, page: decoded.page, pageStartMs, pageEndMs, endMs, groupBy };
}

export function pageOfQuery(query: Query): number {
  const cursor = one(query, 'page');
  return cursor === undefined ? 1 : (decodeCursor(cursor)?.page ?? 1);
}

function page(p: Plan, buckets: { startMs: number; endMs: number; results: Record<string, unknown>[] }[]): UsagePage {
  const hasMore = p.pageEndMs < p.endMs;
  return {
    object: 'page',
    data: buckets.map((b) => ({ object: 'bucket', start_time: b.startMs / 1000, end_time: b.endMs / 1000, results: b.results })),
    has_more: hasMore,
    next_page: hasMore ? encodeCursor(p.page + 1, p.pageEndMs / 1000) : null,
  };
}

// Sums rows sharing the values of the grouped fields; the other fields are null.
function group<T>(rows: T[], fields: readonly string[], groupBy: readonly string[], valueOf: (row: T, field: string) => unknown, sum: (into: Record<string, unknown>, row: T) => void, object: string) {
  const groups = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const key = JSON.stringify(groupBy.map((g) => valueOf(row, g)));
    let out = groups.get(key);
    if (!out) {
      out = { object, ...Object.fromEntries(fields.map((f) => [f, groupBy.includes(f) ? valueOf(row, f) : null])) };
      groups.set(key, out);
    }
    sum(out, row);
  }
  return [...groups.values()];
}

const usageValue = (r: FakeUsageRow, field: string): unknown =>
  ({ project_id: r.projectId, api_key_id: r.providerKeyId, model: r.model, user_id: null, batch: false, service_tier: 'default' })[field] ?? null;

export function usagePage(traffic: FakeTraffic, endpoint: string, query: Query): UsagePage {
  const allowed = USAGE_ENDPOINTS[endpoint]!;
  const p = plan(query, traffic.options.now(), allowed, false);
  const widthMs = WIDTHS[p.width];
  const [projects, models, users] = [set(query, 'project_ids'), set(query, 'models'), set(query, 'user_ids')];
  const batch = one(query, 'batch');
  // Usage made with the demo keys is attributed to no user and is never batch.
  const none = endpoint !== 'completions' || users !== undefined || batch === 'true';
  const buckets = none
    ? bounds(p.pageStartMs, p.pageEndMs, widthMs).map((b) => ({ ...b, rows: [] as FakeUsageRow[] }))
    : traffic.buckets(p.pageStartMs, p.pageEndMs, widthMs, set(query, 'api_key_ids'));
  return page(
    p,
    buckets.map((b) => {
      const rows = b.rows.filter((r) => (!projects || projects.has(r.projectId)) && (!models || models.has(r.model)));
      const results = group(rows, allowed, p.groupBy, usageValue, addUsage, `organization.usage.${endpoint}.result`);
      return { startMs: b.startMs, endMs: b.endMs, results };
    }),
  );
}

// OpenAI's input_tokens include the cached ones; the traffic's inputTokens are uncached.
function addUsage(into: Record<string, unknown>, r: FakeUsageRow) {
  const add = (k: string, v: number) => (into[k] = ((into[k] as number | undefined) ?? 0) + v);
  add('input_tokens', r.inputTokens + r.cachedInputTokens);
  add('output_tokens', r.outputTokens);
  add('num_model_requests', r.requests);
  add('input_cached_tokens', r.cachedInputTokens);
  add('input_audio_tokens', 0);
  add('output_audio_tokens', 0);
}

function bounds(startMs: number, endMs: number, widthMs: number) {
  const out: { startMs: number; endMs: number }[] = [];
  for (let b = startMs; b < endMs; ) {
    const next = Math.min(Math.floor(b / widthMs) * widthMs + widthMs, endMs);
    out.push({ startMs: b, endMs: next });
    b = next;
  }
  return out;
}

type LineItem = { projectId: string; providerKeyId: string; lineItem: string; quantity: number; usd: number };

// Each key+model row splits into priced line items like "gpt-4.1-2025-04-14, input".
function lineItems(r: FakeUsageRow): LineItem[] {
  const model = r.model as DemoModel;
  const parts = [
    ['input', { inputTokens: r.inputTokens, cachedInputTokens: 0, outputTokens: 0 }],
    ['cached input', { inputTokens: 0, cachedInputTokens: r.cachedInputTokens, outputTokens: 0 }],
    ['output', { inputTokens: 0, cachedInputTokens: 0, outputTokens: r.outputTokens }],
  ] as const;
  return parts
    .map(([kind, t]) => ({ projectId: r.projectId, providerKeyId: r.providerKeyId, lineItem: `${r.model}, ${kind}`, quantity: t.inputTokens + t.cachedInputTokens + t.outputTokens, usd: demoCostUsd(model, t) }))
    .filter((l) => l.quantity > 0);
}

const COST_FIELDS = ['project_id', 'line_item', 'api_key_id'];
const costValue = (l: LineItem, field: string): unknown => ({ project_id: l.projectId, api_key_id: l.providerKeyId, line_item: l.lineItem })[field] ?? null;

export function costsPage(traffic: FakeTraffic, query: Query): UsagePage {
  const p = plan(query, traffic.options.now(), COST_FIELDS, true);
  const projects = set(query, 'project_ids');
  const byLine = p.groupBy.includes('line_item');
  const buckets = traffic.buckets(p.pageStartMs, p.pageEndMs, WIDTHS['1d'], set(query, 'api_key_ids'));
  return page(
    p,
    buckets.map((b) => {
      const items = b.rows.filter((r) => !projects || projects.has(r.projectId)).flatMap(lineItems);
      const results = group(items, COST_FIELDS, p.groupBy, costValue, (into, l) => {
        const amount = (into.amount as { value: number; currency: string } | undefined) ?? { value: 0, currency: 'usd' };
        into.amount = { value: amount.value + l.usd, currency: 'usd' };
        into.quantity = byLine ? ((into.quantity as number | null) ?? 0) + l.quantity : null;
      }, 'organization.costs.result');
      return { startMs: b.startMs, endMs: b.endMs, results };
    }),
  );
}
