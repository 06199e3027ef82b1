import { z } from 'zod';
import type { PrismaClient } from '@/generated/prisma/client';
import { upsertUsageBuckets, type UsageBucketInput } from '@/lib/usage/upsert-usage-buckets';
import { DEMO_KEYS, DEMO_SEED } from './demo-keys';
import { demoUsageForHour, demoUsageForRange } from './traffic-model';

// Demo mode: the demo workspace's keys and their usage, written as a provider sync would.
// The first call writes 92 days of hourly history; later calls (the `demo-traffic` job,
// every minute) fill the hours since the last call and rewrite the growing current hour.
// Every call is idempotent: buckets are upserted by their natural key.

const HOUR = 3_600_000;
// Enough for the 90-day chart and a full previous month to compare against.
export const DEMO_HISTORY_DAYS = 92;
const STATE_KEY = 'demo.state';
const stateSchema = z.object({ completeThrough: z.string() });

const ENVIRONMENTS = [
  { name: 'production', timezone: 'Europe/Berlin' },
  { name: 'staging', timezone: 'Europe/Berlin' },
];

export type DemoSyncResult = { keys: number; buckets: number; fromHour: string };

export async function syncDemoUsage(db: PrismaClient, nowMs: number): Promise<DemoSyncResult> {
  const keyIds = await upsertDemoKeys(db);
  const currentHour = Math.floor(nowMs / HOUR) * HOUR;
  const state = stateSchema.safeParse((await db.setting.findUnique({ where: { key: STATE_KEY } }))?.value);
  const earliest = currentHour - DEMO_HISTORY_DAYS * 24 * HOUR;
  const fromMs = state.success ? Math.max(Date.parse(state.data.completeThrough), earliest) : earliest;

  const rows: UsageBucketInput[] = [];
  const lastUsed = new Map<string, number>();
  const push = (providerKeyId: string, bucketStartMs: number, usage: ReturnType<typeof demoUsageForHour>, usedAtMs: number) => {
    const keyId = keyIds.get(providerKeyId)!;
    for (const u of usage) {
      rows.push({ keyId, bucketStart: new Date(bucketStartMs), widthSeconds: 3600, source: 'provider', costSource: 'provider', cacheWriteTokens: 0, ...u });
      lastUsed.set(keyId, Math.max(lastUsed.get(keyId) ?? 0, usedAtMs));
    }
  };
  for (const b of demoUsageForRange(DEMO_KEYS, fromMs, currentHour, DEMO_SEED)) {
    const { providerKeyId, bucketStartMs, ...usage } = b;
    push(providerKeyId, bucketStartMs, [usage], bucketStartMs + HOUR - 60_000);
  }
  const fraction = Math.max((nowMs - currentHour) / HOUR, 1 / 60);
  for (const key of DEMO_KEYS) push(key.providerKeyId, currentHour, demoUsageForHour(key, currentHour, DEMO_SEED, fraction), nowMs);

  const buckets = await upsertUsageBuckets(db, rows);
  for (const [id, ms] of lastUsed) {
    await db.apiKey.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(ms) } }] }, data: { lastUsedAt: new Date(ms) } });
  }
  const completeThrough = new Date(currentHour).toISOString();
  await db.setting.upsert({ where: { key: STATE_KEY }, create: { key: STATE_KEY, value: { completeThrough } }, update: { value: { completeThrough } } });
  return { keys: keyIds.size, buckets, fromHour: new Date(fromMs).toISOString() };
}

async function upsertDemoKeys(db: PrismaClient): Promise<Map<string, string>> {
  for (const env of ENVIRONMENTS) {
    await db.environment.upsert({ where: { name: env.name }, create: env, update: {} });
  }
  const ids = new Map<string, string>();
  for (const k of DEMO_KEYS) {
    const data = {
      name: k.name,
      redactedHint: k.redactedHint,
      projectId: k.projectId,
      projectName: k.projectName,
      environment: k.environment,
      owner: k.owner,
      tags: [...k.tags, 'demo'],
      providerCreatedAt: new Date(k.providerCreatedAt),
    };
    const row = await db.apiKey.upsert({
      where: { provider_providerKeyId: { provider: k.provider, providerKeyId: k.providerKeyId } },
      create: { provider: k.provider, providerKeyId: k.providerKeyId, ...data },
      update: {},
      select: { id: true },
    });
    ids.set(k.providerKeyId, row.id);
  }
  return ids;
}

// `auto`: the demo runs until the first real provider connection is added.
export async function demoEnabled(db: PrismaClient, mode: 'auto' | 'on' | 'off'): Promise<boolean> {
  if (mode !== 'auto') return mode === 'on';
  return (await db.providerConnection.count()) === 0;
}
