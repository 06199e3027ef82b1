import { Prisma, type PrismaClient } from '@/generated/prisma/client';
import { piecesTable, RAW_IN_PIECES } from '@/lib/usage/key-cost-pieces';
import { seriesWindow } from '@/lib/usage/usage-series';
import { windowPieces } from '@/lib/usage/window-pieces';
import type { BreakdownRow, KeyBreakdown, KeyBreakdownQuery } from './key-schemas';
import type { UsageSubject } from './usage-subject';

// A key's (or an environment's) usage per model and per caller region over a range, from
// the roll-ups per key, UTC day and model or region (whole days) and the raw buckets of a
// partial day at the window's start (a 24h or 7d range starts on the hour). The source rule
// of lib/keys/usage-subject.ts: per key, the provider's figures when it has provider rows in
// the window, else the ingested ones; regions come from ingested rows only.

const MAX_BREAKDOWN_ROWS = 50;

/** Usage per model (with the source rule) and per caller region (ingest only) over a range. */
export async function keyBreakdown(db: PrismaClient, subject: UsageSubject, query: KeyBreakdownQuery, nowMs: number): Promise<KeyBreakdown> {
  const { fromMs, toMs } = seriesWindow(query.range, nowMs);
  const pieces = windowPieces([fromMs, toMs], nowMs, false);
  const keys = 'keyId' in subject ? Prisma.sql`SELECT ${subject.keyId}::uuid AS id` : Prisma.sql`SELECT id FROM api_key WHERE environment = ${subject.environment}`;
  const inputs = Prisma.sql`p AS MATERIALIZED (SELECT * FROM ${piecesTable(pieces)}), ks AS MATERIALIZED (${keys})`;
  const ofKeysDays = (table: string, columns: string) =>
    Prisma.raw(`FROM p CROSS JOIN ks CROSS JOIN LATERAL (SELECT ${columns} FROM ${table} d WHERE d.key_id = ks.id AND d.day >= p.f AND d.day < p.t OFFSET 0) d WHERE p.level = 'day'`);
  const tokens = Prisma.sql`(b.input_tokens + b.cached_input_tokens + b.cache_write_tokens + b.output_tokens)`;
  const of = (source: 'provider' | 'ingest', value: Prisma.Sql) => Prisma.sql`CASE WHEN b.source = ${source}::"UsageSource" THEN p.sign * ${value} ELSE 0 END`;
  const [models, regions] = await Promise.all([
    db.$queryRaw<BreakdownSqlRow[]>`
      WITH ${inputs}, m AS (
        SELECT d.key_id, d.model, p.sign * d.provider_buckets AS pn, p.sign * d.provider_requests AS pr, p.sign * d.provider_tokens AS pt, p.sign * d.provider_cost_usd AS pc,
               p.sign * d.ingest_buckets AS i_n, p.sign * d.ingest_requests AS ir, p.sign * d.ingest_tokens AS it, p.sign * d.ingest_cost_usd AS ic
        ${ofKeysDays('usage_model_day', 'd.key_id, d.model, d.provider_buckets, d.provider_requests, d.provider_tokens, d.provider_cost_usd, d.ingest_buckets, d.ingest_requests, d.ingest_tokens, d.ingest_cost_usd')}
        UNION ALL
        SELECT b.key_id, b.model, ${of('provider', Prisma.sql`1`)}, ${of('provider', Prisma.sql`b.requests`)}, ${of('provider', tokens)}, ${of('provider', Prisma.sql`b.cost_usd`)},
               ${of('ingest', Prisma.sql`1`)}, ${of('ingest', Prisma.sql`b.requests`)}, ${of('ingest', tokens)}, ${of('ingest', Prisma.sql`b.cost_usd`)}
        ${RAW_IN_PIECES}
      ), per_model AS (
        SELECT key_id, model, sum(pn) AS pn, sum(pr) AS pr, sum(pt) AS pt, sum(pc) AS pc, sum(i_n) AS i_n, sum(ir) AS ir, sum(it) AS it, sum(ic) AS ic
        FROM m GROUP BY 1, 2
      ), chosen AS (
        SELECT key_id, sum(pn) > 0 AS provider FROM per_model GROUP BY 1
      )
      SELECT u.model AS name, sum(CASE WHEN c.provider THEN u.pc ELSE u.ic END)::float8 AS cost,
             sum(CASE WHEN c.provider THEN u.pr ELSE u.ir END)::float8 AS requests, sum(CASE WHEN c.provider THEN u.pt ELSE u.it END)::float8 AS tokens
      FROM per_model u JOIN chosen c ON c.key_id = u.key_id
      WHERE (CASE WHEN c.provider THEN u.pn ELSE u.i_n END) > 0
      GROUP BY 1 ORDER BY cost DESC, name ASC LIMIT ${MAX_BREAKDOWN_ROWS}`,
    db.$queryRaw<BreakdownSqlRow[]>`
      WITH ${inputs}, r AS (
        SELECT d.region, p.sign * d.buckets AS n, p.sign * d.requests AS requests, p.sign * d.tokens AS tokens, p.sign * d.cost_usd AS cost
        ${ofKeysDays('usage_region_day', 'd.region, d.buckets, d.requests, d.tokens, d.cost_usd')}
        UNION ALL
        SELECT b.region, p.sign, p.sign * b.requests, p.sign * ${tokens}, p.sign * b.cost_usd
        ${RAW_IN_PIECES} AND b.source = 'ingest'
      )
      SELECT region AS name, sum(cost)::float8 AS cost, sum(requests)::float8 AS requests, sum(tokens)::float8 AS tokens
      FROM r GROUP BY 1 HAVING sum(n) > 0 ORDER BY cost DESC, name ASC LIMIT ${MAX_BREAKDOWN_ROWS}`,
  ]);
  return { range: query.range, models: withShares(models), regions: withShares(regions) };
}

type BreakdownSqlRow = { name: string; cost: number; requests: number; tokens: number };

export function withShares(rows: readonly BreakdownSqlRow[]): BreakdownRow[] {
  const total = rows.reduce((sum, r) => sum + r.cost, 0);
  return rows.map((r) => ({ name: r.name, costUsd: r.cost, requests: r.requests, tokens: r.tokens, share: total > 0 ? r.cost / total : 0 }));
}
