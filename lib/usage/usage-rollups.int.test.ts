import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma, type PrismaClient } from '@/generated/prisma/client';
import { freshDatabase } from '@/test/database';
import { effectiveUsage } from './effective-usage';
import { rollupMinutes } from './rollup-minutes';
import { upsertUsageBuckets, type UsageBucketInput } from './upsert-usage-buckets';

// The roll-ups (usage_hour, usage_key_day, usage_environment_hour, usage_environment_day,
// usage_model_day, usage_region_day) are kept by triggers on usage_bucket. After every kind of write they must equal what the
// raw buckets say, with lib/usage/effective-usage.ts's rule (per key and hour, the
// provider's rows when there are any, else the ingested ones) computed from scratch.

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const EPOCH = new Date('2000-01-01T00:00:00Z');
const FAR = new Date('2100-01-01T00:00:00Z');

const bucket = (keyId: string, iso: string, costUsd: number, extra: Partial<UsageBucketInput> = {}): UsageBucketInput => ({
  keyId, bucketStart: new Date(iso), widthSeconds: 60, model: 'gpt-4o-mini', region: '', source: 'provider',
  requests: 3, inputTokens: 100, cachedInputTokens: 10, cacheWriteTokens: 1, outputTokens: 20, costUsd, costSource: 'priced', ...extra,
});

type Row = Record<string, string>;
const text = (rows: Row[]) => rows.map((r) => Object.values(r).join('|')).sort();

async function rawAndRollups(db: PrismaClient) {
  const day = Prisma.sql`date_bin('1 day', b.bucket_start, TIMESTAMPTZ '2000-01-01 00:00:00+00')`;
  const hour = Prisma.sql`date_bin('1 hour', b.bucket_start, TIMESTAMPTZ '2000-01-01 00:00:00+00')`;
  // Distinct names: rows become objects, and equal column names would collapse.
  const sums = Prisma.sql`sum(b.requests)::text AS r, sum(b.input_tokens + b.cached_input_tokens + b.cache_write_tokens + b.output_tokens)::text AS t, sum(b.cost_usd)::text AS c`;
  const nonZero = Prisma.sql`WHERE requests <> 0 OR tokens <> 0 OR cost_usd <> 0`;
  const side = (source: 'provider' | 'ingest') =>
    Prisma.raw(`SELECT key_id::text, day::text, model, '${source}', ${source}_buckets::text, ${source}_requests::text, ${source}_tokens::text, ${source}_cost_usd::text
      FROM usage_model_day WHERE ${source}_buckets <> 0 OR ${source}_requests <> 0 OR ${source}_tokens <> 0 OR ${source}_cost_usd <> 0`);
  const [rawHour, rollHour, rawKeyDay, rollKeyDay, rawEnvHour, rollEnvHour, rawEnvDay, rollEnvDay, rawModel, rollModel, rawRegion, rollRegion] = await Promise.all([
    db.$queryRaw<Row[]>`SELECT b.key_id::text, ${hour}::text, b.source::text, count(*)::text, ${sums} FROM usage_bucket b GROUP BY 1, 2, 3`,
    db.$queryRaw<Row[]>`
      SELECT key_id::text, hour::text, 'provider', provider_buckets::text, provider_requests::text, provider_tokens::text, provider_cost_usd::text FROM usage_hour WHERE provider_buckets > 0
      UNION ALL
      SELECT key_id::text, hour::text, 'ingest', ingest_buckets::text, ingest_requests::text, ingest_tokens::text, ingest_cost_usd::text FROM usage_hour WHERE ingest_buckets > 0`,
    db.$queryRaw<Row[]>`SELECT b.key_id::text, ${day}::text, ${sums} FROM ${effectiveUsage(EPOCH, FAR)} b GROUP BY 1, 2`,
    db.$queryRaw<Row[]>`SELECT key_id::text, day::text, requests::text, tokens::text, cost_usd::text FROM usage_key_day ${nonZero}`,
    db.$queryRaw<Row[]>`SELECT k.environment, ${hour}::text, ${sums} FROM ${effectiveUsage(EPOCH, FAR)} b JOIN api_key k ON k.id = b.key_id GROUP BY 1, 2`,
    db.$queryRaw<Row[]>`SELECT environment, hour::text, requests::text, tokens::text, cost_usd::text FROM usage_environment_hour ${nonZero}`,
    db.$queryRaw<Row[]>`SELECT k.environment, ${day}::text, ${sums} FROM ${effectiveUsage(EPOCH, FAR)} b JOIN api_key k ON k.id = b.key_id GROUP BY 1, 2`,
    db.$queryRaw<Row[]>`SELECT environment, day::text, requests::text, tokens::text, cost_usd::text FROM usage_environment_day ${nonZero}`,
    db.$queryRaw<Row[]>`SELECT b.key_id::text, ${day}::text, b.model, b.source::text, count(*)::text, ${sums} FROM usage_bucket b GROUP BY 1, 2, 3, 4`,
    db.$queryRaw<Row[]>`${side('provider')} UNION ALL ${side('ingest')}`,
    db.$queryRaw<Row[]>`SELECT b.key_id::text, ${day}::text, b.region, count(*)::text, ${sums} FROM usage_bucket b WHERE b.source = 'ingest' GROUP BY 1, 2, 3`,
    db.$queryRaw<Row[]>`SELECT key_id::text, day::text, region, buckets::text, requests::text, tokens::text, cost_usd::text FROM usage_region_day WHERE buckets <> 0 OR requests <> 0 OR tokens <> 0 OR cost_usd <> 0`,
  ]);
  return {
    raw: { hour: text(rawHour), keyDay: text(rawKeyDay), envHour: text(rawEnvHour), envDay: text(rawEnvDay), modelDay: text(rawModel), regionDay: text(rawRegion) },
    rollups: { hour: text(rollHour), keyDay: text(rollKeyDay), envHour: text(rollEnvHour), envDay: text(rollEnvDay), modelDay: text(rollModel), regionDay: text(rollRegion) },
  };
}

async function expectRollupsMatchRaw(db: PrismaClient) {
  const { raw, rollups } = await rawAndRollups(db);
  expect(rollups).toEqual(raw);
  return raw;
}

const envTotal = async (db: PrismaClient, environment: string) =>
  (await db.$queryRaw<{ usd: number | null }[]>`SELECT sum(cost_usd)::float8 AS usd FROM usage_environment_day WHERE environment = ${environment}`)[0]?.usd ?? 0;

const keys: Record<string, string> = {};
beforeAll(async () => {
  ctx = await freshDatabase();
  await ctx.prisma.environment.createMany({ data: [{ name: 'production' }, { name: 'staging' }] });
  for (const [name, environment] of [['A', 'production'], ['B', 'production'], ['C', 'staging']] as const) {
    keys[name] = (await ctx.prisma.apiKey.create({ data: { provider: 'openai', providerKeyId: `key_roll_${name}`, name, environment } })).id;
  }
});
afterAll(() => ctx.cleanup());

describe('usage roll-ups', () => {
  it('a provider re-sending a bucket replaces it: never counted twice', async () => {
    const db = ctx.prisma;
    const first = [bucket(keys.A!, '2026-03-10T10:01:00Z', 1), bucket(keys.A!, '2026-03-10T10:02:00Z', 2), bucket(keys.A!, '2026-03-10T11:00:00Z', 4, { model: 'gpt-4o' })];
    await upsertUsageBuckets(db, first);
    await upsertUsageBuckets(db, first); // the same pull again
    expect(await envTotal(db, 'production')).toBeCloseTo(7, 8);
    await upsertUsageBuckets(db, [bucket(keys.A!, '2026-03-10T10:02:00Z', 2.5, { requests: 5 })]); // revised
    expect(await envTotal(db, 'production')).toBeCloseTo(7.5, 8);
    await expectRollupsMatchRaw(db);
  });

  it('ingested usage counts only in hours the provider did not report, and switches when it does', async () => {
    const db = ctx.prisma;
    const ingest = (iso: string, costUsd: number) => bucket(keys.B!, iso, costUsd, { source: 'ingest', region: 'DE', costSource: 'reported' });
    await upsertUsageBuckets(db, [ingest('2026-03-10T10:05:00Z', 3), ingest('2026-03-10T12:05:00Z', 10)], 'add');
    expect(await envTotal(db, 'production')).toBeCloseTo(7.5 + 13, 8);
    // The provider's minute for 10:00 arrives (a different figure): the hour now counts it instead.
    await upsertUsageBuckets(db, [bucket(keys.B!, '2026-03-10T10:07:00Z', 2.75)]);
    expect(await envTotal(db, 'production')).toBeCloseTo(7.5 + 2.75 + 10, 8);
    await expectRollupsMatchRaw(db);
    // Re-reading that hour as one hour bucket deletes the provider's minutes first, then writes the hour.
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`DELETE FROM usage_bucket WHERE key_id = ${keys.B!}::uuid AND source = 'provider' AND width_seconds = 60`;
      await upsertUsageBuckets(tx, [bucket(keys.B!, '2026-03-10T10:00:00Z', 2.5, { widthSeconds: 3600 })]);
    });
    expect(await envTotal(db, 'production')).toBeCloseTo(7.5 + 2.5 + 10, 8);
    await expectRollupsMatchRaw(db);
  });

  it('concurrent additive writers on the same hours each add exactly their own usage', async () => {
    const db = ctx.prisma;
    const batches = Array.from({ length: 8 }, (_, i) =>
      [keys.A!, keys.C!].flatMap((keyId) =>
        Array.from({ length: 30 }, (_, m) =>
          bucket(keyId, `2026-03-11T0${m % 3}:${String(m).padStart(2, '0')}:00Z`, 0.125 * (i + 1), { source: 'ingest', region: m % 2 ? 'US' : 'FR', model: m % 5 ? 'gpt-4o-mini' : 'gpt-4o', costSource: 'reported' }),
        ),
      ),
    );
    const before = (await envTotal(db, 'production')) + (await envTotal(db, 'staging'));
    await Promise.all(batches.map((b) => upsertUsageBuckets(db, b, 'add')));
    const added = batches.reduce((sum, b) => sum + b.reduce((s, r) => s + r.costUsd, 0), 0);
    expect((await envTotal(db, 'production')) + (await envTotal(db, 'staging'))).toBeCloseTo(before + added, 6);
    await expectRollupsMatchRaw(db);
  });

  it('rolling minutes up into hours changes no total', async () => {
    const db = ctx.prisma;
    const before = await rawAndRollups(db);
    const { hours } = await rollupMinutes(db, new Date('2026-03-12T00:00:00Z'));
    expect(hours).toBeGreaterThan(0);
    expect(await db.usageBucket.count({ where: { widthSeconds: 60 } })).toBe(0);
    const after = await expectRollupsMatchRaw(db);
    expect(after.envDay).toEqual(before.raw.envDay);
    expect(after.keyDay).toEqual(before.raw.keyDay);
  });

  it('a key moved to another environment takes its usage along; a deleted key takes it away', async () => {
    const db = ctx.prisma;
    const production = await envTotal(db, 'production');
    const staging = await envTotal(db, 'staging');
    const a = (await db.$queryRaw<{ usd: number }[]>`SELECT sum(cost_usd)::float8 AS usd FROM usage_key_day WHERE key_id = ${keys.A!}::uuid`)[0]!.usd;
    await db.apiKey.update({ where: { id: keys.A! }, data: { environment: 'staging' } });
    expect(await envTotal(db, 'production')).toBeCloseTo(production - a, 8);
    expect(await envTotal(db, 'staging')).toBeCloseTo(staging + a, 8);
    await expectRollupsMatchRaw(db);
    await db.environment.update({ where: { name: 'staging' }, data: { name: 'test' } }); // renamed: its keys follow
    expect(await envTotal(db, 'test')).toBeCloseTo(staging + a, 8);
    await expectRollupsMatchRaw(db);
    await db.apiKey.delete({ where: { id: keys.C! } });
    await expectRollupsMatchRaw(db);
  });

  it('the rebuild (run by the migration for existing usage) reproduces what the triggers kept', async () => {
    const db = ctx.prisma;
    const kept = await rawAndRollups(db);
    await db.$executeRaw`SELECT usage_rollup_rebuild()`;
    expect((await rawAndRollups(db)).rollups).toEqual(kept.rollups);
  });
});
