import type { PrismaClient } from '@/generated/prisma/client';
import { DAY_MS } from '@/lib/detect/budget/budget-period';
import type { TopMovers, TopMoversQuery } from './overview-schemas';

// Keys whose spend changed most between the last 7 complete UTC days and the 7 before,
// from usage_key_day (usage counted once per key and hour). Whole days keep the two
// periods alike: a partial today against a full day would read as a drop every morning.

type MoverSql = { key_id: string; name: string; environment: string; provider: 'openai' | 'anthropic'; last: number; previous: number };

export async function topMovers(db: PrismaClient, query: TopMoversQuery, nowMs: number): Promise<TopMovers> {
  const to = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const from = to - 7 * DAY_MS;
  const previousFrom = from - 7 * DAY_MS;
  const rows = await db.$queryRaw<MoverSql[]>`
    SELECT m.key_id::text AS key_id, k.name, k.environment, k.provider::text AS provider, m.last::float8 AS last, m.previous::float8 AS previous
    FROM (
      SELECT key_id,
             coalesce(sum(cost_usd) FILTER (WHERE day >= ${new Date(from)}), 0) AS last,
             coalesce(sum(cost_usd) FILTER (WHERE day < ${new Date(from)}), 0) AS previous
      FROM usage_key_day
      WHERE day >= ${new Date(previousFrom)} AND day < ${new Date(to)}
      GROUP BY key_id
    ) m
    JOIN api_key k ON k.id = m.key_id
    WHERE m.last <> m.previous
    ORDER BY abs(m.last - m.previous) DESC, k.name ASC, k.id ASC
    LIMIT ${query.limit}`;
  return {
    previousFrom: new Date(previousFrom).toISOString(),
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    rows: rows.map((r) => ({
      keyId: r.key_id,
      name: r.name,
      environment: r.environment,
      provider: r.provider,
      lastUsd: r.last,
      previousUsd: r.previous,
      changeUsd: r.last - r.previous,
      changeRatio: r.previous > 0 ? (r.last - r.previous) / r.previous : null,
    })),
  };
}
