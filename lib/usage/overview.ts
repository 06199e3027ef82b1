import { zeroFillDays } from '@/lib/budgets/budget-standing';
import { DAY_MS, localDateAt } from '@/lib/detect/budget/budget-period';
import { forecastMonthEnd } from '@/lib/detect/budget/forecast';
import type { PrismaClient } from '@/generated/prisma/client';
import type { OverviewSummary, UsageSeries, UsageSeriesQuery } from './overview-schemas';
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
