import { Prisma } from '@/generated/prisma/client';
import { zeroFillDays } from '@/lib/budgets/budget-standing';
import { DAY_MS, localDateAt } from '@/lib/detect/budget/budget-period';
import { forecastMonthEnd } from '@/lib/detect/budget/forecast';
import type { PrismaClient } from '@/generated/prisma/client';
import type { KeysPage, KeysQuery, OverviewSummary, UsageSeries, UsageSeriesQuery } from './overview-schemas';
import { emptyKeyUsage, keyRowWindow, summarizeKeyUsage, type DailyCostRow, type KeyRowWindow } from './key-row-usage';
import { buildSeries, lastMonthSameDayWindow, monthStartUtc, seriesWindow, type SeriesRow } from './usage-series';

// Read models for the overview page. `now` is an argument so tests can pin the clock.
// Usage comes from the roll-ups the usage_bucket triggers maintain (prisma/migrations/
// *_usage_rollups), each request counted once as lib/usage/effective-usage.ts defines.

// The forecast reads the 7 complete UTC days before today, as a budget's does.
const RECENT_DAYS = 7;

export async function overviewSummary(db: PrismaClient, nowMs: number): Promise<OverviewSummary> {
  const monthStart = new Date(monthStartUtc(nowMs));
  const last = lastMonthSameDayWindow(nowMs);
  // Last month's window ends inside a day: its whole days from the day roll-up, the rest by hour.
  const lastDayEnd = new Date(Math.floor(last.toMs / DAY_MS) * DAY_MS);
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const recentFrom = today - RECENT_DAYS * DAY_MS;
  const [[spend], recent, keyCount, environmentCount] = await Promise.all([
    db.$queryRaw<{ mtd: number | null; last_days: number | null; last_hours: number | null }[]>`
      SELECT
        (SELECT sum(cost_usd) FROM usage_environment_day WHERE day >= ${monthStart} AND day < ${new Date(nowMs)})::float8 AS mtd,
        (SELECT sum(cost_usd) FROM usage_environment_day WHERE day >= ${new Date(last.fromMs)} AND day < ${lastDayEnd})::float8 AS last_days,
        (SELECT sum(cost_usd) FROM usage_environment_hour WHERE hour >= ${lastDayEnd} AND hour < ${new Date(last.toMs)})::float8 AS last_hours`,
    db.$queryRaw<{ date: string; usd: number }[]>`
      SELECT to_char(day AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, sum(cost_usd)::float8 AS usd
      FROM usage_environment_day WHERE day >= ${new Date(recentFrom)} AND day < ${new Date(today)}
      GROUP BY 1`,
    db.apiKey.count(),
    db.environment.count(),
  ]);
  const monthToDateUsd = spend?.mtd ?? 0;
  const forecast = forecastMonthEnd({
    monthToDateUsd,
    now: nowMs,
    timezone: 'UTC',
    recentDaily: zeroFillDays(recent, localDateAt(recentFrom, 'UTC'), localDateAt(today - 1, 'UTC')),
  });
  return {
    monthStart: monthStart.toISOString(),
    asOf: new Date(nowMs).toISOString(),
    monthToDateUsd,
    lastMonthSameDayUsd: (spend?.last_days ?? 0) + (spend?.last_hours ?? 0),
    keyCount,
    environmentCount,
    forecast: {
      monthEnd: new Date(forecast.period.endMs).toISOString(),
      projectedUsd: forecast.projectedUsd,
      lowUsd: forecast.lowUsd,
      highUsd: forecast.highUsd,
    },
  };
}

// Per environment and step: hours from usage_environment_hour, UTC days from usage_environment_day.
export async function usageSeries(db: PrismaClient, query: UsageSeriesQuery, nowMs: number): Promise<UsageSeries> {
  const window = seriesWindow(query.range, nowMs);
  const from = new Date(window.fromMs);
  const to = new Date(window.toMs);
  const rows =
    window.stepMs === DAY_MS
      ? await db.$queryRaw<SeriesRow[]>`
          SELECT day AS t, environment, cost_usd::float8 AS cost, tokens::float8 AS tokens, requests::float8 AS requests
          FROM usage_environment_day WHERE day >= ${from} AND day < ${to}`
      : await db.$queryRaw<SeriesRow[]>`
          SELECT date_bin(make_interval(secs => ${window.stepMs / 1000}::int), hour, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS t, environment,
                 sum(cost_usd)::float8 AS cost, sum(tokens)::float8 AS tokens, sum(requests)::float8 AS requests
          FROM usage_environment_hour WHERE hour >= ${from} AND hour < ${to}
          GROUP BY 1, 2`;
  return buildSeries(rows, query.range, query.unit, window);
}

// Sorts that need every key's usage before a page can be cut; the others page on api_key alone.
const USAGE_SORTS: ReadonlySet<KeysQuery['sort']> = new Set(['cost', 'budget', 'last7d']);

const ORDER_BY: Record<KeysQuery['sort'], Prisma.Sql> = {
  cost: Prisma.sql`coalesce(m.mtd, 0) DESC, k.name ASC`,
  name: Prisma.sql`k.name ASC`,
  lastUsed: Prisma.sql`k.last_used_at DESC NULLS LAST, k.name ASC`,
  provider: Prisma.sql`k.provider::text ASC, k.name ASC`,
  environment: Prisma.sql`k.environment ASC, k.name ASC`,
  budget: Prisma.sql`(coalesce(m.mtd, 0) / nullif(b.monthly_usd, 0)) DESC NULLS LAST, coalesce(m.mtd, 0) DESC, k.name ASC`,
  last7d: Prisma.sql`coalesce(m.last7, 0) DESC, k.name ASC`,
};

type KeyRowSql = {
  id: string;
  name: string;
  provider: 'openai' | 'anthropic';
  environment: string;
  owner: string | null;
  redacted_hint: string | null;
  status: string;
  tags: string[];
  last_used_at: Date | null;
  budget: number | null;
  total: bigint;
};

/**
 * One page of keys in two queries: the page itself (sorted, filtered and cut in SQL, with
 * every key's usage summed only when the sort needs it), then the page's daily costs.
 * A key's figures come from the provider when it has provider rows, else from ingest.
 */
export async function keysPage(db: PrismaClient, query: KeysQuery, nowMs: number): Promise<KeysPage> {
  const w = keyRowWindow(nowMs);
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const usage = USAGE_SORTS.has(query.sort)
    ? Prisma.sql`
      SELECT DISTINCT ON (key_id) key_id, mtd, last7 FROM (
        SELECT key_id, source,
               sum(cost_usd) FILTER (WHERE bucket_start >= ${new Date(w.monthStartMs)}) AS mtd,
               sum(cost_usd) FILTER (WHERE bucket_start >= ${new Date(w.last7FromMs)}) AS last7
        FROM usage_bucket
        WHERE bucket_start >= ${new Date(w.fromMs)} AND bucket_start < ${new Date(nowMs)}
        GROUP BY key_id, source
      ) s
      ORDER BY key_id, (source = 'provider') DESC`
    : Prisma.sql`SELECT NULL::uuid AS key_id, NULL::numeric AS mtd, NULL::numeric AS last7 WHERE false`;
  const rows = await db.$queryRaw<KeyRowSql[]>`
    SELECT k.id, k.name, k.provider::text AS provider, k.environment, k.owner, k.redacted_hint, k.status::text AS status,
           k.tags, k.last_used_at, b.monthly_usd::float8 AS budget, count(*) OVER () AS total
    FROM api_key k
    LEFT JOIN (${usage}) m ON m.key_id = k.id
    LEFT JOIN budget b ON b.key_id = k.id AND b.scope = 'key'
    WHERE ${keyFilter(pattern, query)}
    ORDER BY ${ORDER_BY[query.sort]}, k.id ASC
    LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`;
  const figures = summarizeKeyUsage(rows.length === 0 ? [] : await dailyCosts(db, rows.map((r) => r.id), w, nowMs), w);
  return {
    total: rows[0] ? Number(rows[0].total) : await countKeys(db, pattern, query),
    page: query.page,
    pageSize: query.pageSize,
    rows: rows.map((r) => {
      const f = figures.get(r.id) ?? emptyKeyUsage();
      return {
        id: r.id,
        name: r.name,
        provider: r.provider,
        environment: r.environment,
        owner: r.owner,
        redactedHint: r.redacted_hint,
        status: r.status,
        monthToDateUsd: f.monthToDateUsd,
        lastUsedAt: r.last_used_at?.toISOString() ?? null,
        tags: r.tags,
        budgetUsd: r.budget,
        budgetPercent: r.budget !== null && r.budget > 0 ? (f.monthToDateUsd / r.budget) * 100 : null,
        sparkline: f.sparkline,
        trend: f.trend,
      };
    }),
  };
}

function dailyCosts(db: PrismaClient, ids: string[], w: KeyRowWindow, nowMs: number): Promise<DailyCostRow[]> {
  // One parameter holding an array literal: ids are uuids read from the database.
  return db.$queryRaw<DailyCostRow[]>`
    SELECT key_id::text AS key_id, source::text AS source,
           (extract(epoch FROM date_bin('1 day', bucket_start, TIMESTAMPTZ '2000-01-01 00:00:00+00')) * 1000)::float8 AS day,
           sum(cost_usd)::float8 AS cost,
           coalesce(sum(cost_usd) FILTER (WHERE bucket_start >= ${new Date(w.last7FromMs)}), 0)::float8 AS last7,
           coalesce(sum(cost_usd) FILTER (WHERE bucket_start < ${new Date(w.last7FromMs)} AND bucket_start >= ${new Date(w.previous7FromMs)}), 0)::float8 AS previous7
    FROM usage_bucket
    WHERE key_id = ANY(${`{${ids.join(',')}}`}::uuid[]) AND bucket_start >= ${new Date(w.fromMs)} AND bucket_start < ${new Date(nowMs)}
    GROUP BY 1, 2, 3`;
}

function keyFilter(pattern: string | null, query: KeysQuery): Prisma.Sql {
  const environment = query.environment ?? null;
  const provider = query.provider ?? null;
  const status = query.status ?? null;
  const tag = query.tag ?? null;
  return Prisma.sql`(${pattern}::text IS NULL OR k.name ILIKE ${pattern} OR k.owner ILIKE ${pattern} OR k.provider_key_id ILIKE ${pattern} OR k.environment ILIKE ${pattern})
      AND (${environment}::text IS NULL OR k.environment = ${environment})
      AND (${provider}::text IS NULL OR k.provider::text = ${provider})
      AND (${status}::text IS NULL OR k.status::text = ${status})
      AND (${tag}::text IS NULL OR k.tags @> ARRAY[${tag}::text])`;
}

// A page past the end has no rows to carry the window count.
async function countKeys(db: PrismaClient, pattern: string | null, query: KeysQuery): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM api_key k
    WHERE ${keyFilter(pattern, query)}`;
  return Number(row?.n ?? 0);
}
