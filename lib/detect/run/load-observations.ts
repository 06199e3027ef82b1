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

export interface WatchedKey {
  id: string;
  environment: string;
  workingHours?: WorkingHours;
}

type Row = { t: number; key_id: string; model: string; region: string; source: 'provider' | 'ingest'; requests: number; input: number; output: number; cost: number };
type Cell = { provider: Usage | null; ingest: Usage | null; providerModels: Map<string, Usage>; ingestModels: Map<string, Usage>; regions: Map<string, Usage> };

export async function watchedKeys(db: PrismaClient): Promise<WatchedKey[]> {
  const rows = await db.apiKey.findMany({
    where: { status: { not: 'deleted' } },
    select: { id: true, environment: true, env: { select: { timezone: true, workingHours: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((r) => {
    const config = r.env.workingHours ? workingHoursSchema.safeParse(r.env.workingHours) : null;
    return { id: r.id, environment: r.environment, ...(config?.success ? { workingHours: toWorkingHours(config.data, r.env.timezone) } : {}) };
  });
}

/** Observations for the minutes in [fromMs, toMs), both on minute boundaries. */
export async function loadObservations(db: PrismaClient, keys: readonly WatchedKey[], fromMs: number, toMs: number, timezone: string): Promise<BucketObservation[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT (extract(epoch FROM bucket_start) * 1000)::float8 AS t, key_id::text AS key_id, model, region, source::text AS source,
           requests::float8 AS requests, (input_tokens + cached_input_tokens + cache_write_tokens)::float8 AS input,
           output_tokens::float8 AS output, cost_usd::float8 AS cost
    FROM usage_bucket
    WHERE width_seconds = ${DETECT_BUCKET_SECONDS} AND bucket_start >= ${new Date(fromMs)} AND bucket_start < ${new Date(toMs)}`;
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
  const observations: BucketObservation[] = [];
  for (let start = fromMs, index = 0; start < toMs; start += BUCKET_MS, index++) {
    const minute = cells.get(start);
    observations.push({
      start,
      index,
      bucketSeconds: DETECT_BUCKET_SECONDS,
      timezone,
      keys: keys.map((k) => observe(k, minute?.get(k.id))),
    });
  }
  return observations;
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
