import { createHash } from 'node:crypto';
import { bumpLastUsed } from '@/lib/usage/bump-last-used';
import { wakeJob } from '@/lib/system/wake';
import { upsertUsageBuckets, type UsageBucketInput } from '@/lib/usage/upsert-usage-buckets';
import type { PrismaClient } from '@/generated/prisma/client';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { priceUsage } from '@/lib/pricing/price-usage';
import type { IngestEvent } from './event-schema';
import { regionFor } from './geo';

// Stores one validated batch in one transaction: events are remembered in ingest_event
// (unique per token and event id), and only the ones that were new are added into 1-minute
// usage buckets (source 'ingest'). A re-sent batch finds every event already there and
// changes nothing; a failing batch stores nothing.

export type SkippedEvent = { index: number; reason: string };
export type StoreEventsResult = { accepted: number; duplicates: number; skipped: SkippedEvent[] };

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

type Prepared = {
  eventId: string;
  occurredAt: number;
  provider: IngestEvent['provider'];
  keyId: string;
  model: string;
  region: string;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reportedCostUsd: number | undefined;
};

type MinuteBucket = Omit<Prepared, 'eventId' | 'occurredAt' | 'provider' | 'reportedCostUsd'> & {
  bucketStart: number;
  requests: number;
  costUsd: number;
  costSource: 'priced' | 'reported' | 'none';
};

export async function storeEvents(
  db: PrismaClient,
  input: {
    tokenId: string;
    events: IngestEvent[];
    now: number;
    // 'reject': an unknown key fails the whole batch (the events endpoint); 'skip': those
    // events are left out and reported back (OTLP partial success).
    unknownKeys?: 'reject' | 'skip';
  },
): Promise<StoreEventsResult> {
  const { tokenId, events, now } = input;
  if (events.length === 0) return { accepted: 0, duplicates: 0, skipped: [] };
  const result = await db.$transaction(
    async (tx) => {
      const resolved = await resolveKeyReferences(tx, events);
      const problems = [...resolved.entries()].filter((e): e is [number, { error: string }] => 'error' in e[1]);
      if (problems.length > 0 && input.unknownKeys !== 'skip') {
        throw new AppError('unprocessable', `Events name keys Burnrate cannot match: ${summarise(problems)}. Nothing was stored; use the provider key id (key_… for OpenAI, apikey_… for Anthropic) or the key's name as Burnrate lists it`);
      }
      const skipped = problems.map(([index, p]) => ({ index, reason: p.error }));
      const prepared = uniqueById(
        events.flatMap((e, index) => {
          const key = resolved.get(index);
          return key && 'keyId' in key ? [prepare(e, key.keyId)] : [];
        }),
      );
      const fresh = await insertNewEvents(tx, tokenId, prepared);
      const { buckets, unpriced } = rollUpToMinutes(fresh);
      await lockKeys(tx, fresh);
      await addToBuckets(tx, buckets);
      await bumpKeysLastUsed(tx, fresh, now);
      if (unpriced.size > 0) logger.warn('ingest_unpriced_models', { models: [...unpriced] });
      return { accepted: fresh.length, duplicates: events.length - skipped.length - fresh.length, skipped };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  // Fresh usage: detection judges the current minute now rather than at the next cron tick.
  if (result.accepted > 0) await wakeJob(db, 'detect');
  logger.info('ingest_batch_stored', { tokenId, events: events.length, accepted: result.accepted, duplicates: result.duplicates, skipped: result.skipped.length });
  return result;
}

type KeyResolution = { keyId: string } | { error: string };

// Event index -> key id: by provider key id first, else by name (a deleted key gives way to
// a live one of the same name). Unknown and ambiguous references come back as errors.
async function resolveKeyReferences(tx: Tx, events: IngestEvent[]): Promise<Map<number, KeyResolution>> {
  const refs = [...new Set(events.map((e) => e.key))];
  const keys = await tx.apiKey.findMany({
    where: { OR: [{ providerKeyId: { in: refs } }, { name: { in: refs } }] },
    select: { id: true, provider: true, providerKeyId: true, name: true, status: true },
  });
  const resolve = (provider: IngestEvent['provider'], ref: string): KeyResolution => {
    const own = keys.filter((k) => k.provider === provider);
    const byId = own.find((k) => k.providerKeyId === ref);
    if (byId) return { keyId: byId.id };
    const named = own.filter((k) => k.name === ref);
    const live = named.filter((k) => k.status !== 'deleted');
    const pick = named.length === 1 ? named[0] : live.length === 1 ? live[0] : undefined;
    if (pick) return { keyId: pick.id };
    if (named.length > 1) return { error: `key name "${ref}" matches ${named.length} ${provider} keys, send the provider key id` };
    const other = keys.find((k) => k.providerKeyId === ref || k.name === ref);
    if (other) return { error: `key "${ref}" is an ${other.provider} key, not ${provider}` };
    return { error: `unknown ${provider} key "${ref}"` };
  };
  const memo = new Map<string, KeyResolution>();
  return new Map(
    events.map((e, index) => {
      const id = `${e.provider}\u0000${e.key}`;
      if (!memo.has(id)) memo.set(id, resolve(e.provider, e.key));
      return [index, memo.get(id)!];
    }),
  );
}

function summarise(problems: [number, { error: string }][]): string {
  const byError = new Map<string, number[]>();
  for (const [index, p] of problems) byError.set(p.error, [...(byError.get(p.error) ?? []), index]);
  const parts = [...byError].slice(0, 10).map(([error, indexes]) => {
    const shown = indexes.slice(0, 5).map((i) => `events[${i}]`).join(', ');
    return `${error} (${shown}${indexes.length > 5 ? ` and ${indexes.length - 5} more` : ''})`;
  });
  if (byError.size > 10) parts.push(`and ${byError.size - 10} more keys`);
  return parts.join('; ');
}

function prepare(e: IngestEvent, keyId: string): Prepared {
  const p: Omit<Prepared, 'eventId'> = {
    occurredAt: e.timestamp,
    provider: e.provider,
    keyId,
    model: e.model,
    region: regionFor(e),
    inputTokens: e.inputTokens,
    cachedInputTokens: e.cachedInputTokens,
    cacheWriteTokens: e.cacheWriteTokens,
    outputTokens: e.outputTokens,
    reportedCostUsd: e.costUsd,
  };
  return { eventId: e.id ?? contentId(p, e), ...p };
}

// Without a sender id, an event is identified by what it says (its key resolved, so naming
// the key by id or by name is the same event; its caller as sent, not as geolocated, so a
// GeoIP data update cannot make a re-send look new). Two identical requests in the same
// millisecond count once: senders that can tell them apart should send ids.
function contentId(p: Omit<Prepared, 'eventId'>, e: IngestEvent): string {
  const canonical = JSON.stringify([p.occurredAt, p.provider, p.keyId, p.model, p.inputTokens, p.cachedInputTokens, p.cacheWriteTokens, p.outputTokens, p.reportedCostUsd ?? null, e.callerIp ?? null, e.country ?? null]);
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}

// The first of several events with one id wins; sorting fixes the lock order of the insert.
function uniqueById(events: Prepared[]): Prepared[] {
  const byId = new Map<string, Prepared>();
  for (const e of events) if (!byId.has(e.eventId)) byId.set(e.eventId, e);
  return [...byId.values()].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
}

async function insertNewEvents(tx: Tx, tokenId: string, events: Prepared[]): Promise<Prepared[]> {
  if (events.length === 0) return [];
  const col = <T>(f: (e: Prepared) => T) => events.map(f);
  const rows = await tx.$queryRaw<{ event_id: string }[]>`
    INSERT INTO ingest_event (token_id, event_id, occurred_at, key_id, model, region,
      input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, cost_usd)
    SELECT ${tokenId}::uuid, u.event_id, u.occurred_at, u.key_id, u.model, u.region,
      u.input_tokens, u.cached_input_tokens, u.cache_write_tokens, u.output_tokens, NULLIF(u.cost_usd, '')::numeric
    FROM unnest(
      ${col((e) => e.eventId)}::text[], ${col((e) => new Date(e.occurredAt).toISOString())}::timestamptz[],
      ${col((e) => e.keyId)}::uuid[], ${col((e) => e.model)}::text[], ${col((e) => e.region)}::text[],
      ${col((e) => e.inputTokens)}::bigint[], ${col((e) => e.cachedInputTokens)}::bigint[],
      ${col((e) => e.cacheWriteTokens)}::bigint[], ${col((e) => e.outputTokens)}::bigint[],
      ${col((e) => (e.reportedCostUsd === undefined ? '' : e.reportedCostUsd.toFixed(8)))}::text[]
    ) AS u(event_id, occurred_at, key_id, model, region, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, cost_usd)
    ON CONFLICT (token_id, event_id) DO NOTHING
    RETURNING event_id`;
  const inserted = new Set(rows.map((r) => r.event_id));
  return events.filter((e) => inserted.has(e.eventId));
}

// Events -> one bucket per key, minute, model and region. A bucket's cost is 'reported'
// when every event in it came with a cost, 'none' when none could be priced, else 'priced'.
function rollUpToMinutes(events: Prepared[]): { buckets: MinuteBucket[]; unpriced: Set<string> } {
  const buckets = new Map<string, MinuteBucket>();
  const unpriced = new Set<string>();
  for (const e of events) {
    let costUsd = e.reportedCostUsd;
    let costSource: MinuteBucket['costSource'] = 'reported';
    if (costUsd === undefined) {
      const price = priceUsage({ ...e, at: new Date(e.occurredAt) });
      costUsd = price.costUsd;
      costSource = price.priced ? 'priced' : 'none';
      if (!price.priced) unpriced.add(`${e.provider}/${e.model}`);
    }
    const bucketStart = Math.floor(e.occurredAt / 60_000) * 60_000;
    const id = [e.keyId, bucketStart, e.model, e.region].join('\u0000');
    const b = buckets.get(id);
    if (!b) {
      const { keyId, model, region, inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens } = e;
      buckets.set(id, { keyId, model, region, inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens, bucketStart, requests: 1, costUsd, costSource });
      continue;
    }
    b.requests += 1;
    b.inputTokens += e.inputTokens;
    b.cachedInputTokens += e.cachedInputTokens;
    b.cacheWriteTokens += e.cacheWriteTokens;
    b.outputTokens += e.outputTokens;
    b.costUsd += costUsd;
    if (b.costSource !== costSource) b.costSource = 'priced';
  }
  return { buckets: [...buckets.values()], unpriced }; // upsertUsageBuckets orders additive writes
}

// Additive: each call carries only events seen for the first time.
async function addToBuckets(tx: Tx, buckets: MinuteBucket[]): Promise<void> {
  const rows: UsageBucketInput[] = buckets.map((b) => ({
    keyId: b.keyId,
    bucketStart: new Date(b.bucketStart),
    widthSeconds: 60,
    model: b.model,
    region: b.region,
    source: 'ingest',
    requests: b.requests,
    inputTokens: b.inputTokens,
    cachedInputTokens: b.cachedInputTokens,
    cacheWriteTokens: b.cacheWriteTokens,
    outputTokens: b.outputTokens,
    costUsd: b.costUsd,
    costSource: b.costSource,
  }));
  await upsertUsageBuckets(tx, rows, 'add');
}

// Never past the server clock: events may be a few minutes ahead.
// The batch's keys, locked in id order before any usage is written: the roll-up triggers
// share-lock them and the last-used bump updates them, and two batches that each held a
// share lock and waited to update deadlocked (bench:ingest, 8 in flight: 1 request in 8).
async function lockKeys(tx: Tx, events: Prepared[]): Promise<void> {
  const ids = [...new Set(events.map((e) => e.keyId))].sort();
  if (ids.length > 0) await tx.$queryRaw`SELECT 1 FROM api_key WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;
}

async function bumpKeysLastUsed(tx: Tx, events: Prepared[], now: number): Promise<void> {
  const latest = new Map<string, number>();
  for (const e of events) latest.set(e.keyId, Math.max(latest.get(e.keyId) ?? 0, Math.min(e.occurredAt, now)));
  await bumpLastUsed(tx, latest);
}
