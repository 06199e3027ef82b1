import { Prisma, type PrismaClient } from '@/generated/prisma/client';
import type { SpendRange } from '@/lib/budgets/budget-spend';
import { zeroFillDays } from '@/lib/budgets/budget-standing';
import { localDateAt } from '@/lib/detect/budget/budget-period';
import type { DailySpend } from '@/lib/detect/budget/forecast';
import { withShares } from '@/lib/keys/key-breakdown';
import type { KeyBreakdown } from '@/lib/keys/key-schemas';
import { chosenSources, subjectRows, TOKENS_SQL, type UsageSubject } from '@/lib/keys/usage-subject';
import { keyRowWindow, type DailyCostRow } from '@/lib/usage/key-row-usage';
import type { Range } from '@/lib/usage/overview-schemas';
import { seriesWindow } from '@/lib/usage/usage-series';

// The raw-bucket queries the keys list, budgets and breakdowns ran before they read the
// roll-ups (git show c7f6652:lib/usage/overview.ts, :lib/budgets/budget-spend.ts,
// :lib/keys/key-series.ts): the rules the roll-up readers must reproduce exactly. The
// integration tests compare with them; bench:api times them as its baseline.

/** Every key's month to date and last 7 days, as the keys list sorted by them. */
export async function rawKeyTotals(db: PrismaClient, nowMs: number): Promise<Map<string, { mtd: number; last7: number }>> {
  const w = keyRowWindow(nowMs);
  const rows = await db.$queryRaw<{ id: string; mtd: number; last7: number }[]>`
    SELECT k.id::text AS id, coalesce(m.mtd, 0)::float8 AS mtd, coalesce(m.last7, 0)::float8 AS last7 FROM api_key k
    LEFT JOIN (
      SELECT DISTINCT ON (key_id) key_id, mtd, last7 FROM (
        SELECT key_id, source,
               sum(cost_usd) FILTER (WHERE bucket_start >= ${new Date(w.monthStartMs)}) AS mtd,
               sum(cost_usd) FILTER (WHERE bucket_start >= ${new Date(w.last7FromMs)}) AS last7
        FROM usage_bucket
        WHERE bucket_start >= ${new Date(w.fromMs)} AND bucket_start < ${new Date(nowMs)}
        GROUP BY key_id, source
      ) s
      ORDER BY key_id, (source = 'provider') DESC
    ) m ON m.key_id = k.id`;
  return new Map(rows.map((r) => [r.id, { mtd: r.mtd, last7: r.last7 }]));
}

/** A page of keys' daily costs per source (the sparkline, month to date and trend). */
export function rawDailyCosts(db: PrismaClient, ids: readonly string[], nowMs: number): Promise<DailyCostRow[]> {
  const w = keyRowWindow(nowMs);
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

/** Spend per local day for many budgets in one query. */
export async function rawDailySpend(db: PrismaClient, ranges: readonly SpendRange[]): Promise<DailySpend[][]> {
  if (ranges.length === 0) return [];
  const rows = await db.$queryRaw<{ i: number; day: string; usd: number }[]>`
    WITH req AS (
      SELECT * FROM unnest(
        ${ranges.map((_, i) => i)}::int[], ${ranges.map((r) => r.subject.scope)}::text[],
        ${ranges.map((r) => (r.subject.scope === 'key' ? r.subject.keyId : r.subject.environment))}::text[],
        ${ranges.map((r) => r.timezone)}::text[],
        ${ranges.map((r) => new Date(r.fromMs).toISOString())}::timestamptz[], ${ranges.map((r) => new Date(r.toMs).toISOString())}::timestamptz[]
      ) AS r(i, scope, subject, tz, from_at, to_at)
    ), subject_key AS (
      SELECT req.*, k.id AS key_id FROM req JOIN api_key k ON req.scope = 'key' AND k.id::text = req.subject
      UNION ALL
      SELECT req.*, k.id AS key_id FROM req JOIN api_key k ON req.scope = 'environment' AND k.environment = req.subject
    )
    SELECT s.i, to_char(u.bucket_start AT TIME ZONE s.tz, 'YYYY-MM-DD') AS day, sum(u.cost_usd)::float8 AS usd
    FROM subject_key s
    JOIN usage_bucket u ON u.key_id = s.key_id AND u.bucket_start >= s.from_at AND u.bucket_start < s.to_at
    WHERE u.width_seconds <= 3600
      AND (u.source = 'provider' OR NOT EXISTS (
        SELECT 1 FROM usage_bucket p
        WHERE p.key_id = u.key_id AND p.source = 'provider' AND p.width_seconds <= 3600
          AND p.bucket_start >= date_bin('1 hour', u.bucket_start, TIMESTAMPTZ '2000-01-01 00:00:00+00')
          AND p.bucket_start < date_bin('1 hour', u.bucket_start, TIMESTAMPTZ '2000-01-01 00:00:00+00') + interval '1 hour'))
    GROUP BY 1, 2`;
  const byRange = ranges.map((): DailySpend[] => []);
  for (const r of rows) byRange[r.i]?.push({ date: r.day, usd: r.usd });
  return ranges.map((r, i) => (r.toMs > r.fromMs ? zeroFillDays(byRange[i]!, localDateAt(r.fromMs, r.timezone), localDateAt(r.toMs - 1, r.timezone)) : []));
}

type BreakdownSqlRow = { name: string; cost: number; requests: number; tokens: number };

/** Usage per model (with the source rule) and per caller region over a range. */
export async function rawBreakdown(db: PrismaClient, subject: UsageSubject, range: Range, nowMs: number): Promise<KeyBreakdown> {
  const { fromMs, toMs } = seriesWindow(range, nowMs);
  const sums = Prisma.sql`sum(u.cost_usd)::float8 AS cost, sum(u.requests)::float8 AS requests, sum(${TOKENS_SQL})::float8 AS tokens`;
  const inWindow = Prisma.sql`u.bucket_start >= ${new Date(fromMs)} AND u.bucket_start < ${new Date(toMs)}`;
  const [models, regions] = await Promise.all([
    db.$queryRaw<BreakdownSqlRow[]>`
      WITH chosen AS (${chosenSources(subject, fromMs, toMs)})
      SELECT u.model AS name, ${sums}
      FROM usage_bucket u JOIN chosen c ON c.key_id = u.key_id AND c.source = u.source
      WHERE ${subjectRows(subject)} AND ${inWindow}
      GROUP BY 1 ORDER BY cost DESC, name ASC LIMIT 50`,
    db.$queryRaw<BreakdownSqlRow[]>`
      SELECT u.region AS name, ${sums}
      FROM usage_bucket u
      WHERE ${subjectRows(subject)} AND u.source = 'ingest' AND ${inWindow}
      GROUP BY 1 ORDER BY cost DESC, name ASC LIMIT 50`,
  ]);
  return { range, models: withShares(models), regions: withShares(regions) };
}
