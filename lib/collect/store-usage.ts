import type { PrismaClient } from '@/generated/prisma/client';
import { priceUsage } from '@/lib/pricing/price-usage';
import type { ProviderId, UsageRow, UsageWindow } from '@/lib/providers/provider';
import { bumpLastUsed } from '@/lib/usage/bump-last-used';
import { upsertUsageBuckets, type UsageBucketInput } from '@/lib/usage/upsert-usage-buckets';
import { defaultPlacement, type KeyPlacement } from './sync-keys';

// Stores what a provider reported for a window: rows become usage buckets (source
// 'provider'), priced from tokens where the provider gives no cost at this grain. Writing a
// window replaces what was stored for it, so re-reading a window is always safe.

// Usage the provider attributes to no API key (console, workbench) is kept under one
// placeholder key per provider so totals still add up.
export const UNATTRIBUTED_KEY_ID = '(unattributed)';

export type StoreResult = { rows: number; written: number; unpriced: string[] };

export async function storeUsage(
  db: PrismaClient,
  connection: { id: string; provider: ProviderId },
  window: UsageWindow,
  rows: UsageRow[],
  place: KeyPlacement = defaultPlacement,
): Promise<StoreResult> {
  const keyIds = await resolveKeys(db, connection, rows, place);
  const unpriced = new Set<string>();
  const buckets: UsageBucketInput[] = rows.map((r) => {
    let costUsd: number;
    let costSource: UsageBucketInput['costSource'] = 'provider';
    if (r.costUsd !== undefined) costUsd = r.costUsd;
    else {
      const price = priceUsage({ provider: connection.provider, ...r, at: new Date(r.bucketStartMs) });
      costUsd = price.costUsd;
      costSource = price.priced ? 'priced' : 'none';
      if (!price.priced) unpriced.add(r.model);
    }
    return {
      keyId: keyIds.get(r.providerKeyId ?? UNATTRIBUTED_KEY_ID)!,
      bucketStart: new Date(r.bucketStartMs),
      widthSeconds: r.widthSeconds,
      model: r.model,
      region: '',
      source: 'provider',
      requests: r.requests,
      inputTokens: r.inputTokens,
      cachedInputTokens: r.cachedInputTokens,
      cacheWriteTokens: r.cacheWriteTokens,
      outputTokens: r.outputTokens,
      costUsd,
      costSource,
    };
  });
  const merged = mergeSameBucket(buckets);
  const written = await db.$transaction(async (tx) => {
    if (window.widthSeconds === 3600) {
      // Hours replace any minute buckets of the same hours (see lib/collect/windows.ts).
      await tx.$executeRaw`
        DELETE FROM usage_bucket WHERE source = 'provider' AND width_seconds = 60
          AND bucket_start >= ${new Date(window.startMs)} AND bucket_start < ${new Date(window.endMs)}
          AND key_id IN (SELECT id FROM api_key WHERE connection_id = ${connection.id}::uuid)`;
    }
    return upsertUsageBuckets(tx, merged);
  });
  await bumpLastUsedFromUsage(db, merged);
  return { rows: rows.length, written, unpriced: [...unpriced] };
}

// Not every provider reports when a key was last used (Anthropic does not): usage says so.
async function bumpLastUsedFromUsage(db: PrismaClient, buckets: UsageBucketInput[]) {
  const latest = new Map<string, number>();
  for (const b of buckets) {
    if (b.requests === 0 && b.inputTokens === 0 && b.outputTokens === 0) continue;
    const end = b.bucketStart.getTime() + b.widthSeconds * 1000;
    latest.set(b.keyId, Math.max(latest.get(b.keyId) ?? 0, end));
  }
  await bumpLastUsed(db, latest);
}

// Rows that land on the same natural key (e.g. batch and non-batch of one model) are summed.
function mergeSameBucket(buckets: UsageBucketInput[]): UsageBucketInput[] {
  const byKey = new Map<string, UsageBucketInput>();
  for (const b of buckets) {
    const id = `${b.keyId}|${b.bucketStart.getTime()}|${b.widthSeconds}|${b.model}`;
    const seen = byKey.get(id);
    if (!seen) byKey.set(id, { ...b });
    else {
      seen.requests += b.requests;
      seen.inputTokens += b.inputTokens;
      seen.cachedInputTokens += b.cachedInputTokens;
      seen.cacheWriteTokens += b.cacheWriteTokens;
      seen.outputTokens += b.outputTokens;
      seen.costUsd += b.costUsd;
      if (b.costSource !== seen.costSource) seen.costSource = 'priced';
    }
  }
  return [...byKey.values()];
}

// Keys seen in usage before the inventory sync lists them get a row now (named by their id).
async function resolveKeys(db: PrismaClient, connection: { id: string; provider: ProviderId }, rows: UsageRow[], place: KeyPlacement) {
  const wanted = [...new Set(rows.map((r) => r.providerKeyId ?? UNATTRIBUTED_KEY_ID))];
  const found = await db.apiKey.findMany({ where: { provider: connection.provider, providerKeyId: { in: wanted } }, select: { id: true, providerKeyId: true } });
  const ids = new Map(found.map((k) => [k.providerKeyId, k.id]));
  for (const providerKeyId of wanted.filter((id) => !ids.has(id))) {
    const project = rows.find((r) => (r.providerKeyId ?? UNATTRIBUTED_KEY_ID) === providerKeyId)?.projectId ?? null;
    const name = providerKeyId === UNATTRIBUTED_KEY_ID ? 'Usage without an API key' : providerKeyId;
    const { environment, tags } = place({ providerKeyId, name, projectName: project });
    await db.environment.upsert({ where: { name: environment }, create: { name: environment }, update: {} });
    const key = await db.apiKey.upsert({
      where: { provider_providerKeyId: { provider: connection.provider, providerKeyId } },
      create: { provider: connection.provider, providerKeyId, connectionId: connection.id, name, projectId: project, environment, tags },
      update: {},
      select: { id: true },
    });
    ids.set(providerKeyId, key.id);
  }
  return ids;
}
