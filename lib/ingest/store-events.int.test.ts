import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { priceUsage } from '@/lib/pricing/price-usage';
import { freshDatabase } from '@/test/database';
import { parseIngestBatch } from './event-schema';
import { createIngestToken } from './ingest-tokens';
import { pruneIngestEvents } from './prune-events';
import { storeEvents } from './store-events';

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let tokenId: string;
let otherTokenId: string;
const keys: Record<string, string> = {};
const NOW = Date.parse('2026-03-10T12:30:00Z');
const at = (hhmmss: string) => `2026-03-10T${hhmmss}Z`;

const ev = (over: Record<string, unknown>) => ({ key: 'key_chat', provider: 'openai', model: 'gpt-4o-mini', inputTokens: 100, outputTokens: 10, ...over });
const store = (events: Record<string, unknown>[], options: { token?: string; unknownKeys?: 'skip' } = {}) =>
  storeEvents(ctx.prisma, { tokenId: options.token ?? tokenId, events: parseIngestBatch({ events }, NOW), now: NOW, unknownKeys: options.unknownKeys });

async function counts() {
  const db = ctx.prisma;
  const sums = await db.usageBucket.aggregate({ _count: true, _sum: { requests: true, inputTokens: true, costUsd: true } });
  return { events: await db.ingestEvent.count(), buckets: sums._count, requests: sums._sum.requests, input: sums._sum.inputTokens, cost: sums._sum.costUsd?.toString() };
}

async function buckets(keyId: string) {
  const rows = await ctx.prisma.usageBucket.findMany({ where: { keyId }, orderBy: [{ bucketStart: 'asc' }, { model: 'asc' }, { region: 'asc' }] });
  return rows.map((b) => ({
    minute: b.bucketStart.toISOString().slice(11, 16),
    width: b.widthSeconds,
    source: b.source,
    model: b.model,
    region: b.region,
    requests: b.requests,
    tokens: [Number(b.inputTokens), Number(b.cachedInputTokens), Number(b.cacheWriteTokens), Number(b.outputTokens)],
    cost: b.costUsd.toNumber(),
    costSource: b.costSource,
  }));
}

beforeAll(async () => {
  ctx = await freshDatabase();
  const db = ctx.prisma;
  await db.environment.createMany({ data: [{ name: 'production' }, { name: 'staging' }] });
  const make = async (label: string, provider: 'openai' | 'anthropic', providerKeyId: string, name: string, environment = 'production', status: 'active' | 'deleted' = 'active') => {
    keys[label] = (await db.apiKey.create({ data: { provider, providerKeyId, name, environment, status } })).id;
  };
  await make('chat', 'openai', 'key_chat', 'Chat');
  await make('batch', 'openai', 'key_batch', 'Batch');
  await make('claude', 'anthropic', 'apikey_01claude', 'Claude bot', 'staging');
  await make('oldRotated', 'openai', 'key_rotated_old', 'Rotated', 'production', 'deleted');
  await make('newRotated', 'openai', 'key_rotated_new', 'Rotated');
  await make('twinA', 'openai', 'key_twin_a', 'Twin');
  await make('twinB', 'openai', 'key_twin_b', 'Twin');
  tokenId = (await createIngestToken(db, { name: 'gateway', environment: 'production' })).info.id;
  otherTokenId = (await createIngestToken(db, { name: 'other-gateway' })).info.id;
});
afterAll(() => ctx.cleanup());

describe('storeEvents', () => {
  const batch = [
    ev({ id: 'r1', timestamp: at('12:00:10'), callerIp: '193.99.144.80', costUsd: 0.01 }),
    ev({ id: 'r2', timestamp: at('12:00:50'), key: 'Chat', country: 'de', inputTokens: 50, outputTokens: 5, costUsd: 0.02 }), // by name
    ev({ id: 'r3', timestamp: at('12:01:05'), callerIp: '8.8.8.8', environment: 'staging' }), // the key's environment wins
    ev({ id: 'r4', timestamp: at('12:00:30'), key: 'key_batch', model: 'gpt-4.1', callerIp: '10.0.0.7' }),
    ev({ id: 'r5', timestamp: at('12:00:20'), key: 'apikey_01claude', provider: 'anthropic', model: 'claude-sonnet-4-5', inputTokens: 40, cachedInputTokens: 1000, cacheWriteTokens: 200, outputTokens: 30 }),
  ];

  it('stores a batch and rolls it up into minute buckets per key, model and region', async () => {
    expect(await store(batch)).toEqual({ accepted: 5, duplicates: 0, skipped: [] });
    const price = (model: string, provider: 'openai' | 'anthropic', t: [number, number, number, number], iso: string) =>
      priceUsage({ provider, model, inputTokens: t[0], cachedInputTokens: t[1], cacheWriteTokens: t[2], outputTokens: t[3], at: new Date(iso) });
    const chatPriced = price('gpt-4o-mini', 'openai', [100, 0, 0, 10], at('12:01:05'));
    expect(chatPriced.priced).toBe(true);
    const common = { width: 60, source: 'ingest' };
    expect(await buckets(keys.chat!)).toEqual([
      { ...common, minute: '12:00', model: 'gpt-4o-mini', region: 'DE', requests: 2, tokens: [150, 0, 0, 15], cost: 0.03, costSource: 'reported' },
      { ...common, minute: '12:01', model: 'gpt-4o-mini', region: 'US', requests: 1, tokens: [100, 0, 0, 10], cost: Number(chatPriced.costUsd.toFixed(8)), costSource: 'priced' },
    ]);
    expect(await buckets(keys.batch!)).toEqual([
      { ...common, minute: '12:00', model: 'gpt-4.1', region: '', requests: 1, tokens: [100, 0, 0, 10], cost: Number(price('gpt-4.1', 'openai', [100, 0, 0, 10], at('12:00:30')).costUsd.toFixed(8)), costSource: 'priced' },
    ]);
    const claude = price('claude-sonnet-4-5', 'anthropic', [40, 1000, 200, 30], at('12:00:20'));
    expect(await buckets(keys.claude!)).toEqual([
      { ...common, minute: '12:00', model: 'claude-sonnet-4-5', region: '', requests: 1, tokens: [40, 1000, 200, 30], cost: Number(claude.costUsd.toFixed(8)), costSource: 'priced' },
    ]);
    const chat = await ctx.prisma.apiKey.findUniqueOrThrow({ where: { id: keys.chat! }, select: { lastUsedAt: true, environment: true } });
    expect(chat).toEqual({ lastUsedAt: new Date(at('12:01:05')), environment: 'production' });
    const stored = await ctx.prisma.ingestEvent.findFirstOrThrow({ where: { eventId: 'r1' } });
    expect(stored).toMatchObject({ tokenId, keyId: keys.chat, region: 'DE', occurredAt: new Date(at('12:00:10')) });
    expect(stored.costUsd?.toNumber()).toBe(0.01);
  });

  it('changes nothing when the same batch is sent again', async () => {
    const before = await counts();
    const rows = await ctx.prisma.usageBucket.findMany({ orderBy: { id: 'asc' } });
    expect(await store(batch)).toEqual({ accepted: 0, duplicates: 5, skipped: [] });
    expect(await counts()).toEqual(before);
    expect(await ctx.prisma.usageBucket.findMany({ orderBy: { id: 'asc' } })).toEqual(rows);
  });

  it('adds only the new events of a partly re-sent batch, and mixes cost sources as priced', async () => {
    const more = ev({ id: 'r6', timestamp: at('12:00:59'), country: 'DE', inputTokens: 1, outputTokens: 1 }); // no cost: priced
    expect(await store([...batch, more])).toEqual({ accepted: 1, duplicates: 5, skipped: [] });
    const [minute] = await buckets(keys.chat!);
    expect(minute).toMatchObject({ minute: '12:00', region: 'DE', requests: 3, tokens: [151, 0, 0, 16], costSource: 'priced' });
  });

  it('recognises re-sent events without ids by their content, and repeated ids within a batch', async () => {
    const anonymous = [ev({ timestamp: at('12:10:00'), inputTokens: 7 }), ev({ timestamp: at('12:10:00'), inputTokens: 8 })];
    expect(await store(anonymous)).toEqual({ accepted: 2, duplicates: 0, skipped: [] });
    expect(await store(anonymous)).toEqual({ accepted: 0, duplicates: 2, skipped: [] });
    // The same event named by key name instead of id is the same event.
    expect(await store([{ ...anonymous[0]!, key: 'Chat' }])).toEqual({ accepted: 0, duplicates: 1, skipped: [] });
    const twice = [ev({ id: 'same', timestamp: at('12:11:00') }), ev({ id: 'same', timestamp: at('12:11:00'), inputTokens: 999 })];
    expect(await store(twice)).toEqual({ accepted: 1, duplicates: 1, skipped: [] });
    expect((await buckets(keys.chat!)).find((b) => b.minute === '12:11')).toMatchObject({ requests: 1, tokens: [100, 0, 0, 10] });
  });

  it('deduplicates per token: another sender may reuse an id', async () => {
    expect(await store([ev({ id: 'r1', timestamp: at('12:20:00') })], { token: otherTokenId })).toEqual({ accepted: 1, duplicates: 0, skipped: [] });
  });

  it('resolves names: a live key wins over a deleted one of the same name', async () => {
    await store([ev({ id: 'rot', timestamp: at('12:12:00'), key: 'Rotated' })]);
    expect(await buckets(keys.newRotated!)).toHaveLength(1);
    expect(await buckets(keys.oldRotated!)).toHaveLength(0);
  });

  it.each([
    ['an unknown key', [ev({ id: 'u1', timestamp: at('12:13:00') }), ev({ id: 'u2', timestamp: at('12:13:00'), key: 'key_nope' })], 'unknown openai key "key_nope" (events[1])'],
    ['a key of the other provider', [ev({ id: 'u3', timestamp: at('12:13:00'), key: 'apikey_01claude' })], 'key "apikey_01claude" is an anthropic key, not openai (events[0])'],
    ['an ambiguous name', [ev({ id: 'u4', timestamp: at('12:13:00'), key: 'Twin' })], 'key name "Twin" matches 2 openai keys, send the provider key id (events[0])'],
  ])('rejects the whole batch for %s and stores nothing', async (_name, events, message) => {
    const before = await counts();
    const error = await store(events).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 422, message: expect.stringContaining(message) });
    expect((error as AppError).message).toMatch(/^Events name keys Burnrate cannot match: .*Nothing was stored/);
    expect(await counts()).toEqual(before);
  });

  it('skips events with unknown keys when asked (OTLP partial success)', async () => {
    const result = await store([ev({ id: 's1', timestamp: at('12:14:00') }), ev({ id: 's2', timestamp: at('12:14:00'), key: 'key_nope' })], { unknownKeys: 'skip' });
    expect(result).toEqual({ accepted: 1, duplicates: 0, skipped: [{ index: 1, reason: 'unknown openai key "key_nope"' }] });
  });
});

describe('pruneIngestEvents', () => {
  it('stores concurrent batches on the same keys, every event once', async () => {
    // Each batch touches both keys' hours (a model of its own, so no bucket is shared and
    // nothing serialises the batches early) and moves both keys' last use forward. This does
    // not reproduce the deadlock the key lock in storeEvents prevents (it passes without the
    // lock too; only bench:ingest's sustained load with re-sent events showed it).
    const minute = (b: number, i: number) => (i < 2 ? `12:00:${String(b).padStart(2, '0')}` : `11:${String(10 + ((i * 7 + b) % 40)).padStart(2, '0')}:00`);
    const batch = (b: number) =>
      Array.from({ length: 60 }, (_, i) => ev({ id: `race-${b}-${i}`, key: i % 2 ? 'key_chat' : 'key_batch', timestamp: at(minute(b, i)), model: `gpt-4o-race-${b}`, country: i % 4 ? 'US' : 'DE' }));
    const before = await counts();
    const wide = createPrisma(ctx.url, 8); // the shared client's 4 connections would queue them
    try {
      for (let round = 0; round < 3; round++) {
        const results = await Promise.all(Array.from({ length: 8 }, (_, w) => storeEvents(wide, { tokenId, events: parseIngestBatch({ events: batch(round * 8 + w) }, NOW), now: NOW })));
        expect(results.map((r) => r.accepted)).toEqual(new Array(8).fill(60));
      }
    } finally {
      await wide.$disconnect();
    }
    expect((await counts()).events).toBe(before.events + 3 * 8 * 60);
  });

  it('deletes events received more than 8 days ago and keeps the buckets', async () => {
    const db = ctx.prisma;
    const before = await counts();
    await db.$executeRaw`UPDATE ingest_event SET received_at = ${new Date(NOW - 9 * 86_400_000)} WHERE event_id IN ('r1', 'r2')`;
    expect(await pruneIngestEvents(db, NOW)).toEqual({ deleted: 3 }); // r1 of both tokens, r2
    expect(await db.ingestEvent.count({ where: { eventId: { in: ['r1', 'r2'] } } })).toBe(0);
    expect(await counts()).toEqual({ ...before, events: before.events - 3 });
    expect(await pruneIngestEvents(db, NOW)).toEqual({ deleted: 0 });
  });

  it('refuses a retention shorter than the deduplication window', async () => {
    await expect(pruneIngestEvents(ctx.prisma, NOW, 86_400_000)).rejects.toThrow(/longer than the 7-day deduplication window/);
  });
});
