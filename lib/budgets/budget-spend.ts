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
  const rows = await db.$queryRaw<Row[]>`
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
