import type OpenAI from 'openai';
import { z } from 'zod';
import { ProviderError } from './provider';
import type { CostRow, PageProgress, UsageRow, UsageWindow, WidthSeconds } from './provider';

// Reads the OpenAI usage and costs endpoints page by page and normalises them into
// UsageRow / CostRow. Payloads are checked with zod (unknown fields pass: OpenAI keeps
// adding them) rather than trusted from the SDK's compile-time types.

const DAY_MS = 86_400_000;
const WIDTH = { 60: '1m', 3600: '1h', 86400: '1d' } as const;
// Buckets per page: the API's maxima are 1440 / 168 / 31 (beyond them it answers 400).
// Minutes are read 12 hours a page so one page stays a few MB for a large organization.
export const PAGE_LIMITS: Record<WidthSeconds, number> = { 60: 720, 3600: 168, 86400: 31 };
const COST_PAGE_LIMIT = 31; // days; the API allows up to 180
const MAX_PAGES = 1_000; // per endpoint and chunk: a server that never stops paging is a bug

const count = z.number().nonnegative();
const bucketPage = <T extends z.ZodType>(result: T) =>
  z.object({
    data: z.array(z.object({ start_time: z.number(), end_time: z.number(), results: z.array(result) })),
    has_more: z.boolean(),
    next_page: z.string().nullish(),
  });

const usageResult = z.object({
  api_key_id: z.string().nullish(),
  project_id: z.string().nullish(),
  model: z.string().nullish(),
  batch: z.boolean().nullish(),
  num_model_requests: count.optional(),
  input_tokens: count.optional(), // includes cached and cache-write tokens
  input_cached_tokens: count.optional(),
  input_cache_write_tokens: count.optional(),
  output_tokens: count.optional(),
});
const usagePage = bucketPage(usageResult);

const costResult = z.object({
  amount: z.object({ value: z.union([z.number(), z.string()]).nullish(), currency: z.string().nullish() }).nullish(),
  api_key_id: z.string().nullish(),
  project_id: z.string().nullish(),
  line_item: z.string().nullish(),
});
const costPage = bucketPage(costResult);

type Usage = OpenAI['admin']['organization']['usage'];
type Query = { start_time: number; end_time: number; bucket_width: '1m' | '1h' | '1d'; limit: number; page?: string };
const BY_KEY = ['api_key_id', 'project_id', 'model'] as const;

// Every endpoint whose usage can be attributed to a key and model. vector_stores and
// code_interpreter_sessions group by project only, so they cannot say which key spent.
const ENDPOINTS: { name: string; read: (usage: Usage, q: Query) => Promise<unknown> }[] = [
  { name: 'completions', read: (u, q) => u.completions({ ...q, group_by: [...BY_KEY, 'batch'] }) },
  { name: 'embeddings', read: (u, q) => u.embeddings({ ...q, group_by: [...BY_KEY] }) },
  { name: 'moderations', read: (u, q) => u.moderations({ ...q, group_by: [...BY_KEY] }) },
  { name: 'images', read: (u, q) => u.images({ ...q, group_by: [...BY_KEY] }) },
  { name: 'audio_speeches', read: (u, q) => u.audioSpeeches({ ...q, group_by: [...BY_KEY] }) },
  { name: 'audio_transcriptions', read: (u, q) => u.audioTranscriptions({ ...q, group_by: [...BY_KEY] }) },
];

function parse<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ProviderError('openai', 'unavailable', `Unexpected ${what} response from OpenAI at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
}

type Bucket<R> = { start_time: number; results: R[] };

async function readPages<R>(read: (page: string | undefined) => Promise<unknown>, schema: z.ZodType<{ data: Bucket<R>[]; has_more: boolean; next_page?: string | null }>, what: string, onPage: (results: number) => void): Promise<Bucket<R>[]> {
  const out: Bucket<R>[] = [];
  let page: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const body = parse(schema, await read(page), what);
    out.push(...body.data);
    onPage(body.data.reduce((s, b) => s + b.results.length, 0));
    if (!body.has_more || !body.next_page) return out;
    if (body.next_page === page) throw new ProviderError('openai', 'unavailable', `OpenAI ${what} returned the same page cursor twice`);
    page = body.next_page;
  }
  throw new ProviderError('openai', 'unavailable', `OpenAI ${what} did not finish within ${MAX_PAGES} pages`);
}

export function splitWindow(startMs: number, endMs: number, maxMs: number): { startMs: number; endMs: number }[] {
  const out: { startMs: number; endMs: number }[] = [];
  for (let s = startMs; s < endMs; s += maxMs) out.push({ startMs: s, endMs: Math.min(s + maxMs, endMs) });
  return out;
}

const toQuery = (startMs: number, endMs: number) => ({ start_time: Math.floor(startMs / 1000), end_time: Math.ceil(endMs / 1000) });

export async function readUsage(
  client: OpenAI,
  window: UsageWindow,
  options: { maxWindowMs: number; pageLimit: number; onPage?: (p: PageProgress) => void },
): Promise<UsageRow[]> {
  const widthMs = window.widthSeconds * 1000;
  const progress: PageProgress = { pages: 0, rows: 0 };
  const rows = new Map<string, UsageRow>();
  for (const chunk of splitWindow(window.startMs, window.endMs, options.maxWindowMs)) {
    for (const endpoint of ENDPOINTS) {
      const base = { ...toQuery(chunk.startMs, chunk.endMs), bucket_width: WIDTH[window.widthSeconds], limit: options.pageLimit };
      const buckets = await readPages((page) => endpoint.read(client.admin.organization.usage, { ...base, ...(page ? { page } : {}) }), usagePage, `usage/${endpoint.name}`, (n) => {
        progress.pages += 1;
        progress.rows += n;
        options.onPage?.({ ...progress });
      });
      for (const b of buckets) for (const r of b.results) addUsage(rows, b.start_time, widthMs, window.widthSeconds, r);
    }
  }
  return [...rows.values()];
}

// One row per bucket, key and model: the first bucket of a window may start unaligned, and
// a key's batch and non-batch usage share a row (the stored natural key has no batch flag;
// such a mixed row counts as non-batch, which prices it high rather than low).
function addUsage(rows: Map<string, UsageRow>, startSec: number, widthMs: number, widthSeconds: WidthSeconds, r: z.infer<typeof usageResult>) {
  const bucketStartMs = Math.floor((startSec * 1000) / widthMs) * widthMs;
  const providerKeyId = r.api_key_id ?? null;
  const projectId = r.project_id ?? null;
  const model = r.model ?? 'unknown';
  const id = JSON.stringify([bucketStartMs, providerKeyId, projectId, model]);
  const cached = r.input_cached_tokens ?? 0;
  const cacheWrite = r.input_cache_write_tokens ?? 0;
  const batch = r.batch ?? undefined;
  const row = rows.get(id);
  if (!row) {
    const fresh: UsageRow = { providerKeyId, projectId, bucketStartMs, widthSeconds, model, requests: 0, inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0 };
    if (batch !== undefined) fresh.batch = batch;
    rows.set(id, fresh);
  } else if (batch !== undefined) {
    row.batch = row.batch === undefined ? batch : row.batch && batch;
  }
  const into = rows.get(id)!;
  into.requests += r.num_model_requests ?? 0;
  into.inputTokens += Math.max(0, (r.input_tokens ?? 0) - cached - cacheWrite);
  into.cachedInputTokens += cached;
  into.cacheWriteTokens += cacheWrite;
  into.outputTokens += r.output_tokens ?? 0;
}

// Line items read like "gpt-4o-2024-08-06, input"; others (storage, tools) have no model.
export function modelOfLineItem(lineItem: string | null | undefined): string | null {
  const m = lineItem ? /^(.+), [^,]+$/.exec(lineItem) : null;
  return m?.[1]?.trim() || null;
}

export async function readCosts(client: OpenAI, window: { startMs: number; endMs: number }): Promise<CostRow[]> {
  const base = { ...toQuery(window.startMs, window.endMs), bucket_width: '1d' as const, limit: COST_PAGE_LIMIT, group_by: ['api_key_id' as const, 'project_id' as const, 'line_item' as const] };
  const buckets = await readPages((page) => client.admin.organization.usage.costs({ ...base, ...(page ? { page } : {}) }), costPage, 'costs', () => {});
  const rows = new Map<string, CostRow>();
  for (const b of buckets) {
    for (const r of b.results) {
      const currency = r.amount?.currency ?? 'usd';
      if (currency.toLowerCase() !== 'usd') throw new ProviderError('openai', 'bad_request', `OpenAI reported costs in ${currency}; Burnrate expects USD`);
      const raw = r.amount?.value ?? 0;
      const usd = typeof raw === 'string' ? Number(raw) : raw;
      if (!Number.isFinite(usd)) throw new ProviderError('openai', 'unavailable', `Unexpected costs response from OpenAI: amount "${raw}" is not a number`);
      const row = { dayStartMs: Math.floor((b.start_time * 1000) / DAY_MS) * DAY_MS, providerKeyId: r.api_key_id ?? null, projectId: r.project_id ?? null, model: modelOfLineItem(r.line_item), costUsd: 0 };
      const id = JSON.stringify([row.dayStartMs, row.providerKeyId, row.projectId, row.model]);
      const into = rows.get(id) ?? rows.set(id, row).get(id)!;
      into.costUsd += usd;
    }
  }
  return [...rows.values()];
}
