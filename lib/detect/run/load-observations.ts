import type { PrismaClient } from '@/generated/prisma/client';
import type { Usage } from '@/lib/detect/eval/load-scenario';
import type { BucketObservation, KeyObservation } from '@/lib/detect/eval/replay';
import { toWorkingHours, workingHoursSchema, type WorkingHours } from '@/lib/detect/kinds/working-hours';

// Stored minute usage as the detectors see it: one observation per minute with every
// watched key (silent ones carry zeros). A key's totals and models come from the
// provider's figures when there are any, else from ingested events (gateways describe the
// same requests the provider counts, so the two are never added); caller regions come
// only from ingest, the one source that has them.

export const DETECT_BUCKET_SECONDS = 60;
const BUCKET_MS = DETECT_BUCKET_SECONDS * 1000;
const HOUR_MS = 3_600_000;

export interface WatchedKey {
  id: string;
  environment: string;
  workingHours?: WorkingHours;
  /** null: seen only through ingest. */
  connectionId: string | null;
  /** When the provider created the key. */
  createdMs?: number;
  /** Not observed before this: the key did not exist, or nothing was collected for it yet (no silence to learn). */
  sinceMs?: number;
}

type Row = { t: number; key_id: string; model: string; region: string; source: 'provider' | 'ingest'; requests: number; input: number; output: number; cost: number };
type Cell = { provider: Usage | null; ingest: Usage | null; providerModels: Map<string, Usage>; ingestModels: Map<string, Usage>; regions: Map<string, Usage> };

export async function watchedKeys(db: PrismaClient): Promise<WatchedKey[]> {
  const rows = await db.apiKey.findMany({
    where: { status: { not: 'deleted' } },
    select: { id: true, environment: true, connectionId: true, providerCreatedAt: true, env: { select: { timezone: true, workingHours: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((r) => {
    const config = r.env.workingHours ? workingHoursSchema.safeParse(r.env.workingHours) : null;
    return {
      id: r.id,
      environment: r.environment,
      connectionId: r.connectionId,
      ...(config?.success ? { workingHours: toWorkingHours(config.data, r.env.timezone) } : {}),
      ...(r.providerCreatedAt ? { createdMs: r.providerCreatedAt.getTime() } : {}),
    };
  });
}

/**
 * Where stored usage begins, per connection (key: connection id, '' for keys seen only
 * through ingest): the first bucket of any of its keys. Before it Burnrate collected nothing
 * for them, so their silence there is not usage to learn (a key is not dormant for the
 * months before its connection's backfill).
 */
export async function usageCoverage(db: PrismaClient): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ connection_id: string | null; first: Date | null }[]>`
    SELECT k.connection_id::text AS connection_id, min(f.first) AS first
    FROM api_key k CROSS JOIN LATERAL (SELECT min(b.bucket_start) AS first FROM usage_bucket b WHERE b.key_id = k.id) f
    GROUP BY k.connection_id`;
  return new Map(rows.filter((r) => r.first).map((r) => [r.connection_id ?? '', r.first!.getTime()]));
}

/** Observations for the minutes in [fromMs, toMs), both on minute boundaries. */
export async function loadObservations(db: PrismaClient, keys: readonly WatchedKey[], fromMs: number, toMs: number, timezone: string): Promise<BucketObservation[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT (extract(epoch FROM bucket_start) * 1000)::float8 AS t, key_id::text AS key_id, model, region, source::text AS source,
           requests::float8 AS requests, (input_tokens + cached_input_tokens + cache_write_tokens)::float8 AS input,
           output_tokens::float8 AS output, cost_usd::float8 AS cost
    FROM usage_bucket
    WHERE width_seconds = ${DETECT_BUCKET_SECONDS} AND bucket_start >= ${new Date(fromMs)} AND bucket_start < ${new Date(toMs)}`;
  const cells = cellsOf(rows);
  const last = lastSince(keys);
  const observations: BucketObservation[] = [];
  for (let start = fromMs; start < toMs; start += BUCKET_MS) {
    const minute = cells.get(start);
    observations.push(minuteObservation(start, timezone, existing(keys, start, last).map((k) => observe(k, minute?.get(k.id)))));
  }
  return observations;
}

/**
 * Older usage, kept by the hour (minute buckets are rolled into hours after eight days), as
 * the minutes of [fromMs, toMs) (whole hours): each hour's usage spread evenly over its 60
 * minutes. Only for warming baselines: a detector learns each hour's level and its models,
 * regions and quiet hours from it, not the spread of its minutes. The minutes of an hour
 * share one set of key observations.
 */
export async function loadHourlyObservations(db: PrismaClient, keys: readonly WatchedKey[], fromMs: number, toMs: number, timezone: string): Promise<BucketObservation[]> {
  const perHour = 3600 / DETECT_BUCKET_SECONDS;
  const rows = await db.$queryRaw<Row[]>`
    SELECT (extract(epoch FROM date_trunc('hour', bucket_start)) * 1000)::float8 AS t, key_id::text AS key_id, model, region, source::text AS source,
           sum(requests)::float8 / ${perHour} AS requests, sum(input_tokens + cached_input_tokens + cache_write_tokens)::float8 / ${perHour} AS input,
           sum(output_tokens)::float8 / ${perHour} AS output, sum(cost_usd)::float8 / ${perHour} AS cost
    FROM usage_bucket
    WHERE bucket_start >= ${new Date(fromMs)} AND bucket_start < ${new Date(toMs)}
    GROUP BY 1, 2, 3, 4, 5`;
  const cells = cellsOf(rows);
  const last = lastSince(keys);
  const observations: BucketObservation[] = [];
  for (let hour = fromMs; hour < toMs; hour += HOUR_MS) {
    const cell = cells.get(hour);
    const shared = existing(keys, hour, last).map((k) => observe(k, cell?.get(k.id)));
    for (let m = 0; m < perHour; m++) observations.push(minuteObservation(hour + m * BUCKET_MS, timezone, shared));
  }
  return observations;
}

/** The keys observed at `atMs` (see `WatchedKey.sinceMs`), given when the last of them starts. */
function existing(keys: readonly WatchedKey[], atMs: number, lastSinceMs: number): readonly WatchedKey[] {
  return atMs >= lastSinceMs ? keys : keys.filter((k) => k.sinceMs === undefined || k.sinceMs <= atMs);
}

function lastSince(keys: readonly WatchedKey[]): number {
  let last = -Infinity;
  for (const k of keys) if (k.sinceMs !== undefined && k.sinceMs > last) last = k.sinceMs;
  return last;
}

// `index` is the minute's number since 1970, so a detector's rings line up across runs.
function minuteObservation(start: number, timezone: string, keys: KeyObservation[]): BucketObservation {
  return { start, index: Math.floor(start / BUCKET_MS), bucketSeconds: DETECT_BUCKET_SECONDS, timezone, keys };
}

function cellsOf(rows: readonly Row[]): Map<number, Map<string, Cell>> {
  const cells = new Map<number, Map<string, Cell>>();
  for (const r of rows) {
    let minute = cells.get(r.t);
    if (!minute) cells.set(r.t, (minute = new Map()));
    let cell = minute.get(r.key_id);
    if (!cell) minute.set(r.key_id, (cell = { provider: null, ingest: null, providerModels: new Map(), ingestModels: new Map(), regions: new Map() }));
    const usage: Usage = { requests: r.requests, inputTokens: r.input, outputTokens: r.output, costUsd: r.cost };
    if (r.source === 'provider') {
      cell.provider = add(cell.provider, usage);
      addTo(cell.providerModels, r.model, usage);
    } else {
      cell.ingest = add(cell.ingest, usage);
      addTo(cell.ingestModels, r.model, usage);
      if (r.region) addTo(cell.regions, r.region, usage);
    }
  }
  return cells;
}

const SILENT: Usage = { requests: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
const NONE: ReadonlyMap<string, Usage> = new Map();

function observe(key: WatchedKey, cell: Cell | undefined): KeyObservation {
  const { environment } = key;
  const hours = key.workingHours ? { workingHours: key.workingHours } : {};
  if (!cell) return { key: key.id, environment, monthlyBudgetUsd: null, ...SILENT, models: NONE, regions: NONE, ...hours };
  const totals = cell.provider ?? cell.ingest ?? SILENT;
  return { key: key.id, environment, monthlyBudgetUsd: null, ...totals, models: cell.provider ? cell.providerModels : cell.ingestModels, regions: cell.regions, ...hours };
}

function add(a: Usage | null, b: Usage): Usage {
  if (!a) return { ...b };
  a.requests += b.requests;
  a.inputTokens += b.inputTokens;
  a.outputTokens += b.outputTokens;
  a.costUsd += b.costUsd;
  return a;
}

function addTo(map: Map<string, Usage>, name: string, usage: Usage) {
  const current = map.get(name);
  if (current) add(current, usage);
  else map.set(name, { ...usage });
}
