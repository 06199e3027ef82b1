import { z } from 'zod';

// The overview page's contracts: what the route handlers accept and return. Route handlers
// validate their query with these and the client parses responses with the same schemas.

export const rangeSchema = z.enum(['24h', '7d', '30d', '90d']);
export type Range = z.infer<typeof rangeSchema>;

export const unitSchema = z.enum(['cost', 'tokens', 'requests']);
export type Unit = z.infer<typeof unitSchema>;

export const usageSeriesQuerySchema = z.object({
  range: rangeSchema.default('30d'),
  unit: unitSchema.default('cost'),
});
export type UsageSeriesQuery = z.infer<typeof usageSeriesQuerySchema>;

// One point per step (an hour for 24h, a day otherwise); `values` has one number per
// environment in `environments`, in the same order, 0 where there was no usage.
export const usageSeriesSchema = z.object({
  range: rangeSchema,
  unit: unitSchema,
  stepSeconds: z.number().int().positive(),
  environments: z.array(z.string()),
  points: z.array(z.object({ t: z.string(), values: z.array(z.number()) })),
});
export type UsageSeries = z.infer<typeof usageSeriesSchema>;

export const overviewSummarySchema = z.object({
  monthStart: z.string(), // ISO, UTC
  asOf: z.string(),
  monthToDateUsd: z.number(),
  lastMonthSameDayUsd: z.number(), // last month from its start to the same day and time
  keyCount: z.number().int(),
  environmentCount: z.number().int(),
  // Month-end spend at the recent burn rate (lib/detect/budget/forecast.ts, UTC days), with
  // an ~80% range; `monthEnd` is the first instant of next month.
  forecast: z.object({ monthEnd: z.string(), projectedUsd: z.number(), lowUsd: z.number(), highUsd: z.number() }),
});
export type OverviewSummary = z.infer<typeof overviewSummarySchema>;

export const topMoversQuerySchema = z.object({
  limit: z.coerce.number({ message: 'limit must be a number from 1 to 20' }).int().min(1, 'limit must be at least 1').max(20, 'limit must be at most 20').default(5),
});
export type TopMoversQuery = z.infer<typeof topMoversQuerySchema>;

// Keys whose spend changed most: the last 7 complete UTC days [from, to) against the 7
// before [previousFrom, from), biggest change in dollars first, up or down.
export const topMoversSchema = z.object({
  previousFrom: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      keyId: z.string(),
      name: z.string(),
      environment: z.string(),
      provider: z.enum(['openai', 'anthropic']),
      lastUsd: z.number(),
      previousUsd: z.number(),
      changeUsd: z.number(), // lastUsd - previousUsd
      /** changeUsd / previousUsd; null when the key spent nothing in the previous 7 days. */
      changeRatio: z.number().nullable(),
    }),
  ),
});
export type TopMovers = z.infer<typeof topMoversSchema>;

// Each sort has one direction: names A→Z, the rest biggest, newest or most used first.
// `cost` is month to date, `last7d` the last 7 days, `budget` the share of the key's budget used.
export const keySortSchema = z.enum(['cost', 'name', 'lastUsed', 'provider', 'environment', 'budget', 'last7d']);

export const keysQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  environment: z.string().max(100).optional(),
  provider: z.enum(['openai', 'anthropic'], { message: 'provider must be openai or anthropic' }).optional(),
  status: z.enum(['active', 'inactive', 'disabled', 'deleted'], { message: 'status must be active, inactive, disabled or deleted' }).optional(),
  tag: z.string().trim().min(1).max(100).optional(),
  sort: keySortSchema.default('cost'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type KeysQuery = z.infer<typeof keysQuerySchema>;

export const keyRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.enum(['openai', 'anthropic']),
  environment: z.string(),
  owner: z.string().nullable(),
  redactedHint: z.string().nullable(),
  status: z.string(),
  monthToDateUsd: z.number(),
  lastUsedAt: z.string().nullable(),
  tags: z.array(z.string()),
  /** The key's own monthly budget (not its environment's); null when it has none. */
  budgetUsd: z.number().nullable(),
  /** Month to date as a percent of budgetUsd (0..100 and beyond); null without a budget. */
  budgetPercent: z.number().nullable(),
  /** Cost per UTC day, the last 14 days, oldest first; the last day is today so far. */
  sparkline: z.array(z.number()),
  /** Cost of the last 7 days (7 x 24 h to now) against the 7 before; change is null when those were 0. */
  trend: z.object({ last7dUsd: z.number(), previous7dUsd: z.number(), change: z.number().nullable() }),
});
export type KeyRow = z.infer<typeof keyRowSchema>;

export const keysPageSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  rows: z.array(keyRowSchema),
});
export type KeysPage = z.infer<typeof keysPageSchema>;

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  database: z.object({ ok: z.boolean(), latencyMs: z.number().nullable(), error: z.string().optional() }),
  scheduler: z.object({
    ok: z.boolean(),
    lastHeartbeatAt: z.string().nullable(),
    detail: z.string(),
  }),
  // Where detection stands: pages wait while it rebuilds its baselines or falls behind.
  detection: z.object({
    ok: z.boolean(),
    /** Usage judged up to here (the detect cursor); null before the first run. */
    throughAt: z.string().nullable(),
    rebuilding: z.boolean(),
    detail: z.string(),
  }),
  // Provider connections; an unhealthy one shows the provider's own message.
  connections: z.array(
    z.object({
      name: z.string(),
      provider: z.enum(['openai', 'anthropic']),
      ok: z.boolean(),
      lastSuccessAt: z.string().nullable(),
      error: z.string().nullable(),
    }),
  ),
});
export type Health = z.infer<typeof healthSchema>;
