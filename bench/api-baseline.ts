import type { PrismaClient } from '@/generated/prisma/client';
import { chosenSources, subjectRows, TOKENS_SQL } from '@/lib/keys/usage-subject';
import { effectiveUsage } from '@/lib/usage/effective-usage';
import { lastMonthSameDayWindow, monthStartUtc, seriesWindow } from '@/lib/usage/usage-series';
import type { Range } from '@/lib/usage/overview-schemas';

// The baseline: the raw-bucket queries the key chart and the overview ran before the
// roll-ups (git show b4f0733^:lib/keys/key-series.ts, aae5de7^:lib/usage/overview.ts), run
// on the same database beside the product's roll-up queries, so the ratio is like for like.

export function rawKeyHours(db: PrismaClient, keyId: string, fromMs: number, toMs: number) {
  const subject = { keyId };
  return db.$queryRaw<unknown[]>`
    WITH chosen AS (${chosenSources(subject, fromMs, toMs)})
    SELECT (extract(epoch FROM date_bin('1 hour', u.bucket_start, TIMESTAMPTZ '2000-01-01 00:00:00+00')) * 1000)::float8 AS t,
           sum(u.cost_usd)::float8 AS cost, sum(u.requests)::float8 AS requests, sum(${TOKENS_SQL})::float8 AS tokens
    FROM usage_bucket u JOIN chosen c ON c.key_id = u.key_id AND c.source = u.source
    WHERE ${subjectRows(subject)} AND u.width_seconds <= 3600
      AND u.bucket_start >= ${new Date(fromMs)} AND u.bucket_start < ${new Date(toMs)}
    GROUP BY 1`;
}

export function rawMonthSpend(db: PrismaClient, nowMs: number) {
  const monthStart = new Date(monthStartUtc(nowMs));
  const last = lastMonthSameDayWindow(nowMs);
  return db.$queryRaw<unknown[]>`
    SELECT
      sum(cost_usd) FILTER (WHERE bucket_start >= ${monthStart} AND bucket_start < ${new Date(nowMs)})::float8 AS mtd,
      sum(cost_usd) FILTER (WHERE bucket_start >= ${new Date(last.fromMs)} AND bucket_start < ${new Date(last.toMs)})::float8 AS last
    FROM ${effectiveUsage(new Date(last.fromMs), new Date(nowMs))} b`;
}

export function rawEnvironmentSeries(db: PrismaClient, range: Range, nowMs: number) {
  const window = seriesWindow(range, nowMs);
  return db.$queryRaw<unknown[]>`
    SELECT
      date_bin(make_interval(secs => ${window.stepMs / 1000}::int), b.bucket_start, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS t,
      k.environment AS environment,
      sum(b.cost_usd)::float8 AS cost,
      sum(b.input_tokens + b.cached_input_tokens + b.cache_write_tokens + b.output_tokens)::float8 AS tokens,
      sum(b.requests)::float8 AS requests
    FROM ${effectiveUsage(new Date(window.fromMs), new Date(window.toMs))} b JOIN api_key k ON k.id = b.key_id
    GROUP BY 1, 2`;
}
