import { Prisma } from '@/generated/prisma/client';
import type { PrismaClient } from '@/generated/prisma/client';
import { keyCostPieces } from './key-cost-pieces';
import { emptyKeyUsage, keyRowWindow, summarizeKeyUsage, type DailyCostRow, type KeyRowWindow } from './key-row-usage';
import type { KeysPage, KeysQuery } from './overview-schemas';
import { windowPieces } from './window-pieces';

// The keys table. A key's figures come from the provider when it has provider rows in the
// window, else from ingest (lib/usage/key-row-usage.ts), summed from the roll-ups over the
// window's pieces: whole days, whole hours, and raw buckets only for the minutes at the edges.

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
 */
export async function keysPage(db: PrismaClient, query: KeysQuery, nowMs: number): Promise<KeysPage> {
  const w = keyRowWindow(nowMs);
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const usage = USAGE_SORTS.has(query.sort) ? sortUsage(pattern, query, w, nowMs) : Prisma.sql`SELECT NULL::uuid AS key_id, NULL::numeric AS mtd, NULL::numeric AS last7 WHERE false`;
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

// Every matching key's month to date and last 7 days, from the source chosen over the window.
function sortUsage(pattern: string | null, query: KeysQuery, w: KeyRowWindow, nowMs: number): Prisma.Sql {
  const pieces = windowPieces([w.fromMs, w.monthStartMs, w.last7FromMs, nowMs], nowMs, true);
  const chosen = (from: number) => Prisma.sql`CASE WHEN sum(pn) > 0 THEN sum(pc) FILTER (WHERE at >= ${new Date(from)}) ELSE sum(ic) FILTER (WHERE at >= ${new Date(from)}) END`;
  return Prisma.sql`
    SELECT key_id, ${chosen(w.monthStartMs)} AS mtd, ${chosen(w.last7FromMs)} AS last7
    FROM ${keyCostPieces(pieces, Prisma.sql`SELECT k.id FROM api_key k WHERE ${keyFilter(pattern, query)}`, false)} x
    GROUP BY key_id`;
}

type DaySql = { key_id: string; day: number; pn: number; pc: number; ic: number; p7: number; i7: number; pp7: number; ip7: number };

async function dailyCosts(db: PrismaClient, ids: string[], w: KeyRowWindow, nowMs: number): Promise<DailyCostRow[]> {
  const pieces = windowPieces([w.fromMs, w.monthStartMs, w.previous7FromMs, w.last7FromMs, nowMs], nowMs, true);
  const last7 = Prisma.sql`at >= ${new Date(w.last7FromMs)}`;
  const previous7 = Prisma.sql`at >= ${new Date(w.previous7FromMs)} AND at < ${new Date(w.last7FromMs)}`;
  const rows = await db.$queryRaw<DaySql[]>`
    SELECT key_id::text AS key_id, (extract(epoch FROM day) * 1000)::float8 AS day, sum(pn)::float8 AS pn,
           sum(pc)::float8 AS pc, sum(ic)::float8 AS ic,
           coalesce(sum(pc) FILTER (WHERE ${last7}), 0)::float8 AS p7, coalesce(sum(ic) FILTER (WHERE ${last7}), 0)::float8 AS i7,
           coalesce(sum(pc) FILTER (WHERE ${previous7}), 0)::float8 AS pp7, coalesce(sum(ic) FILTER (WHERE ${previous7}), 0)::float8 AS ip7
    FROM ${keyCostPieces(pieces, Prisma.sql`SELECT unnest(${ids}::uuid[]) AS id`, true)} x
    GROUP BY 1, 2`;
  return rows.flatMap((r) => [
    ...(r.pn > 0 ? [{ key_id: r.key_id, source: 'provider', day: r.day, cost: r.pc, last7: r.p7, previous7: r.pp7 }] : []),
    { key_id: r.key_id, source: 'ingest', day: r.day, cost: r.ic, last7: r.i7, previous7: r.ip7 },
  ]);
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
