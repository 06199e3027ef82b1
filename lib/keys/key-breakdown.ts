import { Prisma, type PrismaClient } from '@/generated/prisma/client';
import { seriesWindow } from '@/lib/usage/usage-series';
import type { BreakdownRow, KeyBreakdown, KeyBreakdownQuery } from './key-schemas';
import { chosenSources, subjectRows, TOKENS_SQL, type UsageSubject } from './usage-subject';

// A key's (or an environment's) usage per model and per caller region over a range.

const MAX_BREAKDOWN_ROWS = 50;

/** Usage per model (with the source rule) and per caller region (ingest only) over a range. */
export async function keyBreakdown(db: PrismaClient, subject: UsageSubject, query: KeyBreakdownQuery, nowMs: number): Promise<KeyBreakdown> {
  const { fromMs, toMs } = seriesWindow(query.range, nowMs);
  const sums = Prisma.sql`sum(u.cost_usd)::float8 AS cost, sum(u.requests)::float8 AS requests, sum(${TOKENS_SQL})::float8 AS tokens`;
  const inWindow = Prisma.sql`u.bucket_start >= ${new Date(fromMs)} AND u.bucket_start < ${new Date(toMs)}`;
  const [models, regions] = await Promise.all([
    db.$queryRaw<BreakdownSqlRow[]>`
      WITH chosen AS (${chosenSources(subject, fromMs, toMs)})
      SELECT u.model AS name, ${sums}
      FROM usage_bucket u JOIN chosen c ON c.key_id = u.key_id AND c.source = u.source
      WHERE ${subjectRows(subject)} AND ${inWindow}
      GROUP BY 1 ORDER BY cost DESC, name ASC LIMIT ${MAX_BREAKDOWN_ROWS}`,
    db.$queryRaw<BreakdownSqlRow[]>`
      SELECT u.region AS name, ${sums}
      FROM usage_bucket u
      WHERE ${subjectRows(subject)} AND u.source = 'ingest' AND ${inWindow}
      GROUP BY 1 ORDER BY cost DESC, name ASC LIMIT ${MAX_BREAKDOWN_ROWS}`,
  ]);
  return { range: query.range, models: withShares(models), regions: withShares(regions) };
}

type BreakdownSqlRow = { name: string; cost: number; requests: number; tokens: number };

export function withShares(rows: readonly BreakdownSqlRow[]): BreakdownRow[] {
  const total = rows.reduce((sum, r) => sum + r.cost, 0);
  return rows.map((r) => ({ name: r.name, costUsd: r.cost, requests: r.requests, tokens: r.tokens, share: total > 0 ? r.cost / total : 0 }));
}
