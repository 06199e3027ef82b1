import { Prisma } from '@/generated/prisma/client';
import type { Piece } from './window-pieces';

// Per key, both sources' cost and provider bucket count over window pieces
// (lib/usage/window-pieces.ts), read from usage_model_day (whole UTC days), usage_hour (whole
// hours) and usage_bucket (the minutes at the edges). Rows: key_id, at (the piece's
// interval), day (UTC), pn, pc, ic, each already multiplied by the piece's sign; sums over a
// key's rows are exact (numeric).

export const DAY_SQL = (column: Prisma.Sql) => Prisma.sql`date_bin('1 day', ${column}, TIMESTAMPTZ '2000-01-01 00:00:00+00')`;

// Raw buckets in each 'raw' piece of p, for the keys in ks: an index range per piece (LATERAL,
// not flattened (OFFSET 0), so the planner cannot join every bucket first).
export const RAW_IN_PIECES = Prisma.sql`FROM p CROSS JOIN LATERAL (SELECT b.* FROM usage_bucket b WHERE b.bucket_start >= p.f AND b.bucket_start < p.t OFFSET 0) b
    JOIN ks ON ks.id = b.key_id WHERE p.level = 'raw'`;

export function piecesTable(pieces: readonly Piece[]): Prisma.Sql {
  return Prisma.sql`unnest(${pieces.map((p) => p.level)}::text[], ${pieces.map((p) => new Date(p.fromMs).toISOString())}::timestamptz[],
    ${pieces.map((p) => new Date(p.toMs).toISOString())}::timestamptz[], ${pieces.map((p) => p.sign)}::int[],
    ${pieces.map((p) => new Date(p.at).toISOString())}::timestamptz[]) AS p(level, f, t, sign, at)`;
}

/**
 * `keys`: a query of key ids (column `id`). `perKey`: read each key's rows through its own
 * index range (a page of keys) rather than every key's rows of each day (all keys).
 */
export function keyCostPieces(pieces: readonly Piece[], keys: Prisma.Sql, perKey: boolean): Prisma.Sql {
  const days = perKey
    ? Prisma.sql`FROM p CROSS JOIN ks CROSS JOIN LATERAL (
        SELECT d.key_id, d.day, d.provider_buckets, d.provider_cost_usd, d.ingest_cost_usd FROM usage_model_day d WHERE d.key_id = ks.id AND d.day >= p.f AND d.day < p.t OFFSET 0) d`
    : Prisma.sql`FROM p JOIN usage_model_day d ON d.day >= p.f AND d.day < p.t JOIN ks ON ks.id = d.key_id`;
  return Prisma.sql`(
    WITH p AS MATERIALIZED (SELECT * FROM ${piecesTable(pieces)}), ks AS MATERIALIZED (${keys})
    SELECT d.key_id, p.at, d.day, p.sign * d.provider_buckets AS pn, p.sign * d.provider_cost_usd AS pc, p.sign * d.ingest_cost_usd AS ic
    ${days}
    WHERE p.level = 'day'
    UNION ALL
    SELECT h.key_id, p.at, ${DAY_SQL(Prisma.sql`h.hour`)}, p.sign * h.provider_buckets, p.sign * h.provider_cost_usd, p.sign * h.ingest_cost_usd
    FROM p CROSS JOIN ks CROSS JOIN LATERAL (
      SELECT h.key_id, h.hour, h.provider_buckets, h.provider_cost_usd, h.ingest_cost_usd FROM usage_hour h WHERE h.key_id = ks.id AND h.hour >= p.f AND h.hour < p.t OFFSET 0) h
    WHERE p.level = 'hour'
    UNION ALL
    SELECT b.key_id, p.at, ${DAY_SQL(Prisma.sql`b.bucket_start`)}, p.sign * (b.source = 'provider')::int,
           CASE WHEN b.source = 'provider' THEN p.sign * b.cost_usd ELSE 0 END, CASE WHEN b.source = 'ingest' THEN p.sign * b.cost_usd ELSE 0 END
    ${RAW_IN_PIECES}
  )`;
}
