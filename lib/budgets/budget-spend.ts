import type { PrismaClient } from '@/generated/prisma/client';
import { localDateAt } from '@/lib/detect/budget/budget-period';
import type { DailySpend } from '@/lib/detect/budget/forecast';
import { zeroFillDays } from './budget-standing';

// What a key or an environment spent per local day in a time zone, for many budgets in one
// query. The rules every spend figure follows:
// - A key's hour counts the provider's figures when it has any, else the ingested ones
//   (gateways describe the same requests the provider bills; adding them counts twice).
//   The choice is per key and UTC hour, not per minute: an hour is held at one width, but
//   a rolled-up ingest hour next to provider minutes (or the reverse) must not both count.
//   The cost is that ingest minutes of the current hour wait for the provider's, which
//   lags by a few minutes.
// - Minute rows cover the last 8 days and hour rows the time before (lib/collect/windows.ts),
//   never both for one hour of a key, so summing every width up to an hour counts once.
// - A bucket counts on the local day and month its start falls in (hour rows in a
//   half-hour zone land on the day of their first half).
// - An environment's spend is that of the keys in it now.
// Read from the hourly roll-ups (usage_hour per key, usage_environment_hour per environment),
// each hour on the local day of its start. Raw buckets correct only the minutes that hour
// misplaces: those after a local midnight inside an hour (zones with half-hour offsets),
// before the range's start and after its end when those fall inside an hour.

export type BudgetSubject = { scope: 'key'; keyId: string } | { scope: 'environment'; environment: string };

/** A budget row's subject; the schema's check keeps keyId set for key budgets, environment for environment ones. */
export function budgetSubject(b: { scope: 'key' | 'environment'; keyId: string | null; environment: string | null }): BudgetSubject {
  return b.scope === 'key' ? { scope: 'key', keyId: b.keyId ?? '' } : { scope: 'environment', environment: b.environment ?? '' };
}

export interface SpendRange {
  subject: BudgetSubject;
  /** IANA zone the days are counted in. */
  timezone: string;
  /** [fromMs, toMs), epoch ms. */
  fromMs: number;
  toMs: number;
}

type Row = { i: number; day: string; usd: number };

/** Per range, in order: every local day from the one containing `fromMs` to the one containing `toMs - 1`, 0 without spend. */
export async function dailySpend(db: PrismaClient, ranges: readonly SpendRange[]): Promise<DailySpend[][]> {
  if (ranges.length === 0) return [];
  // Ranges of one zone and window (budgets made at one moment share them) share their corrections.
  const windows = new Map<string, number>();
  const zones: { tz: string; fromMs: number; toMs: number }[] = [];
  const zi = ranges.map((r) => {
    const key = `${r.timezone} ${r.fromMs} ${r.toMs}`;
    if (!windows.has(key)) windows.set(key, zones.push({ tz: r.timezone, fromMs: r.fromMs, toMs: r.toMs }) - 1);
    return windows.get(key)!;
  });
  const rows = await db.$queryRaw<Row[]>`
    WITH req AS (
      SELECT * FROM unnest(
        ${ranges.map((_, i) => i)}::int[], ${ranges.map((r) => r.subject.scope)}::text[],
        ${ranges.map((r) => (r.subject.scope === 'key' ? r.subject.keyId : r.subject.environment))}::text[],
        ${ranges.map((r) => r.timezone)}::text[],
        ${ranges.map((r) => new Date(r.fromMs).toISOString())}::timestamptz[], ${ranges.map((r) => new Date(r.toMs).toISOString())}::timestamptz[], ${zi}::int[]
      ) AS r(i, scope, subject, tz, from_at, to_at, zi)
    ), zw AS (
      SELECT * FROM unnest(${zones.map((_, i) => i)}::int[], ${zones.map((z) => z.tz)}::text[],
        ${zones.map((z) => new Date(z.fromMs).toISOString())}::timestamptz[], ${zones.map((z) => new Date(z.toMs).toISOString())}::timestamptz[]
      ) AS z(zi, tz, from_at, to_at)
      WHERE from_at < to_at
    ), fix AS (
      -- Minutes to move from the day of their hour's start to their own (add) or to drop.
      SELECT z.zi, m.at AS f, least(date_bin('1 hour', m.at, TIMESTAMPTZ '2000-01-01 00:00:00+00') + interval '1 hour', z.to_at) AS t, true AS add
      FROM zw z
      CROSS JOIN LATERAL generate_series((z.from_at AT TIME ZONE z.tz)::date + 1, ((z.to_at - interval '1 millisecond') AT TIME ZONE z.tz)::date, interval '1 day') d(day)
      CROSS JOIN LATERAL (SELECT d.day::date::timestamp AT TIME ZONE z.tz AS at) m
      WHERE m.at <> date_bin('1 hour', m.at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AND m.at < z.to_at
        AND date_bin('1 hour', m.at, TIMESTAMPTZ '2000-01-01 00:00:00+00') >= z.from_at
      UNION ALL
      SELECT zi, date_bin('1 hour', from_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), from_at, false FROM zw
      WHERE from_at <> date_bin('1 hour', from_at, TIMESTAMPTZ '2000-01-01 00:00:00+00')
      UNION ALL
      SELECT zi, from_at, least(date_bin('1 hour', from_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') + interval '1 hour', to_at), true FROM zw
      WHERE from_at <> date_bin('1 hour', from_at, TIMESTAMPTZ '2000-01-01 00:00:00+00')
      UNION ALL
      SELECT zi, to_at, date_bin('1 hour', to_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') + interval '1 hour', false FROM zw
      WHERE to_at <> date_bin('1 hour', to_at, TIMESTAMPTZ '2000-01-01 00:00:00+00')
    ), moved AS (
      -- The buckets there of the source each key's hour counts. LATERAL keeps the plan to an
      -- index range per correction and a primary-key probe per bucket (OFFSET 0: not flattened).
      SELECT c.zi, c.add, b.key_id, b.bucket_start, b.hour, b.cost_usd
      FROM fix c
      CROSS JOIN LATERAL (
        SELECT b.key_id, b.bucket_start, b.cost_usd, b.source, date_bin('1 hour', b.bucket_start, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS hour
        FROM usage_bucket b WHERE b.bucket_start >= c.f AND b.bucket_start < c.t OFFSET 0) b
      CROSS JOIN LATERAL (SELECT h.provider_buckets FROM usage_hour h WHERE h.key_id = b.key_id AND h.hour = b.hour OFFSET 0) h
      WHERE b.source = (CASE WHEN h.provider_buckets > 0 THEN 'provider' ELSE 'ingest' END)::"UsageSource"
    ), moved_of AS (
      SELECT r.i, r.tz, x.* FROM moved x JOIN req r ON r.zi = x.zi AND r.scope = 'key' AND r.subject = x.key_id::text
      UNION ALL
      SELECT r.i, r.tz, x.* FROM moved x JOIN api_key k ON k.id = x.key_id JOIN req r ON r.zi = x.zi AND r.scope = 'environment' AND r.subject = k.environment
    ), spent AS (
      SELECT r.i, h.hour AS at, CASE WHEN h.provider_buckets > 0 THEN h.provider_cost_usd ELSE h.ingest_cost_usd END AS usd, r.tz
      FROM req r JOIN usage_hour h ON r.scope = 'key' AND h.key_id = (CASE WHEN r.scope = 'key' THEN r.subject::uuid END)
        AND h.hour >= date_bin('1 hour', r.from_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AND h.hour < r.to_at
      UNION ALL
      SELECT r.i, e.hour, e.cost_usd, r.tz
      FROM req r JOIN usage_environment_hour e ON r.scope = 'environment' AND e.environment = r.subject
        AND e.hour >= date_bin('1 hour', r.from_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AND e.hour < r.to_at
      UNION ALL
      SELECT i, hour, -cost_usd, tz FROM moved_of
      UNION ALL
      SELECT i, bucket_start, cost_usd, tz FROM moved_of WHERE add
    )
    SELECT i, to_char(at AT TIME ZONE tz, 'YYYY-MM-DD') AS day, sum(usd)::float8 AS usd
    FROM spent GROUP BY 1, 2`;
  const byRange = ranges.map((): DailySpend[] => []);
  for (const r of rows) byRange[r.i]?.push({ date: r.day, usd: r.usd });
  return ranges.map((r, i) => (r.toMs > r.fromMs ? zeroFillDays(byRange[i]!, localDateAt(r.fromMs, r.timezone), localDateAt(r.toMs - 1, r.timezone)) : []));
}
