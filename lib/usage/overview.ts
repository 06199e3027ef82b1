import { Prisma } from '@/generated/prisma/client';
import type { PrismaClient } from '@/generated/prisma/client';
import type { KeysPage, KeysQuery, OverviewSummary, UsageSeries, UsageSeriesQuery } from './overview-schemas';
import { buildSeries, lastMonthSameDayWindow, monthStartUtc, seriesWindow, type SeriesRow } from './usage-series';

// Read models for the overview page. `now` is an argument so tests can pin the clock.

export async function overviewSummary(db: PrismaClient, nowMs: number): Promise<OverviewSummary> {
  const monthStart = new Date(monthStartUtc(nowMs));
  const last = lastMonthSameDayWindow(nowMs);
  const [spend] = await db.$queryRaw<{ mtd: number | null; last: number | null }[]>`
    SELECT
      sum(cost_usd) FILTER (WHERE bucket_start >= ${monthStart} AND bucket_start < ${new Date(nowMs)})::float8 AS mtd,
      sum(cost_usd) FILTER (WHERE bucket_start >= ${new Date(last.fromMs)} AND bucket_start < ${new Date(last.toMs)})::float8 AS last
    FROM usage_bucket
    WHERE bucket_start >= ${new Date(last.fromMs)} AND bucket_start < ${new Date(nowMs)}`;
  const [keyCount, environmentCount] = await Promise.all([db.apiKey.count(), db.environment.count()]);
  return {
    monthStart: monthStart.toISOString(),
    asOf: new Date(nowMs).toISOString(),
    monthToDateUsd: spend?.mtd ?? 0,
    lastMonthSameDayUsd: spend?.last ?? 0,
    keyCount,
    environmentCount,
  };
}

export async function usageSeries(db: PrismaClient, query: UsageSeriesQuery, nowMs: number): Promise<UsageSeries> {
  const window = seriesWindow(query.range, nowMs);
  const rows = await db.$queryRaw<SeriesRow[]>`
    SELECT
      date_bin(make_interval(secs => ${window.stepMs / 1000}::int), b.bucket_start, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS t,
      k.environment AS environment,
      sum(b.cost_usd)::float8 AS cost,
      sum(b.input_tokens + b.cached_input_tokens + b.cache_write_tokens + b.output_tokens)::float8 AS tokens,
      sum(b.requests)::float8 AS requests
    FROM usage_bucket b JOIN api_key k ON k.id = b.key_id
    WHERE b.bucket_start >= ${new Date(window.fromMs)} AND b.bucket_start < ${new Date(window.toMs)}
    GROUP BY 1, 2`;
  return buildSeries(rows, query.range, query.unit, window);
}

const ORDER_BY: Record<KeysQuery['sort'], Prisma.Sql> = {
  cost: Prisma.sql`mtd DESC, k.name ASC`,
  name: Prisma.sql`k.name ASC`,
  lastUsed: Prisma.sql`k.last_used_at DESC NULLS LAST, k.name ASC`,
};

type KeyRowSql = {
  id: string;
  name: string;
  provider: 'openai' | 'anthropic';
  environment: string;
  owner: string | null;
  redacted_hint: string | null;
  status: string;
  last_used_at: Date | null;
  mtd: number;
  total: bigint;
};

export async function keysPage(db: PrismaClient, query: KeysQuery, nowMs: number): Promise<KeysPage> {
  const monthStart = new Date(monthStartUtc(nowMs));
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db.$queryRaw<KeyRowSql[]>`
    SELECT k.id, k.name, k.provider::text AS provider, k.environment, k.owner, k.redacted_hint, k.status::text AS status,
           k.last_used_at, coalesce(m.cost, 0)::float8 AS mtd, count(*) OVER () AS total
    FROM api_key k
    LEFT JOIN (
      SELECT key_id, sum(cost_usd) AS cost FROM usage_bucket
      WHERE bucket_start >= ${monthStart} AND bucket_start < ${new Date(nowMs)}
      GROUP BY key_id
    ) m ON m.key_id = k.id
    WHERE ${keyFilter(pattern, query.environment)}
    ORDER BY ${ORDER_BY[query.sort]}
    LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`;
  return {
    total: rows[0] ? Number(rows[0].total) : await countKeys(db, pattern, query.environment),
    page: query.page,
    pageSize: query.pageSize,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      provider: r.provider,
      environment: r.environment,
      owner: r.owner,
      redactedHint: r.redacted_hint,
      status: r.status,
      monthToDateUsd: r.mtd,
      lastUsedAt: r.last_used_at?.toISOString() ?? null,
    })),
  };
}

function keyFilter(pattern: string | null, environment: string | undefined): Prisma.Sql {
  return Prisma.sql`(${pattern}::text IS NULL OR k.name ILIKE ${pattern} OR k.owner ILIKE ${pattern} OR k.provider_key_id ILIKE ${pattern} OR k.environment ILIKE ${pattern})
      AND (${environment ?? null}::text IS NULL OR k.environment = ${environment ?? null})`;
}

// A page past the end has no rows to carry the window count.
async function countKeys(db: PrismaClient, pattern: string | null, environment: string | undefined): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM api_key k
    WHERE ${keyFilter(pattern, environment)}`;
  return Number(row?.n ?? 0);
}
