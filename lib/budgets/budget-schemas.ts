import { z } from 'zod';
import { DEFAULT_THRESHOLDS } from '@/lib/detect/budget/detect-budget';

// The budget pages' contracts: what the route handlers accept and return. Route handlers
// validate with these and the client parses responses with the same schemas.

export const MAX_MONTHLY_USD = 1_000_000_000;

/** An IANA zone name, as Postgres and Intl both know it; returned in Intl's spelling. */
export const timezoneSchema = z
  .string({ message: 'timezone must be an IANA name such as "Europe/Berlin" or "UTC"' })
  .trim()
  .transform((zone, ctx) => {
    const canonical = canonicalZone(zone);
    if (canonical === null) {
      ctx.addIssue({ code: 'custom', message: `"${zone}" is not a time zone: use an IANA name such as "Europe/Berlin", "America/New_York" or "UTC"` });
      return z.NEVER;
    }
    return canonical;
  });

// Names only: Intl also takes offsets such as "+01:00", which Postgres reads with the
// opposite (POSIX) sign.
function canonicalZone(zone: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const monthlyUsdSchema = z
  .number({ message: 'monthlyUsd must be a number of US dollars, such as 500 or 1250.50' })
  .positive('monthlyUsd must be more than 0')
  .max(MAX_MONTHLY_USD, `monthlyUsd must be at most ${MAX_MONTHLY_USD.toLocaleString('en-US')}`)
  .refine((usd) => Math.abs(Math.round(usd * 100) - usd * 100) < 1e-6, 'monthlyUsd has at most 2 decimals (cents), such as 1250.50');

/** Percents of the budget; sorted and de-duplicated. */
export const thresholdsSchema = z
  .array(z.number().int('thresholds are whole percents, such as 80').min(1, 'thresholds are percents from 1 to 500').max(500, 'thresholds are percents from 1 to 500'), {
    message: 'thresholds must be a list of percents, such as [50, 80, 100]',
  })
  .min(1, 'give at least one threshold, such as [100]')
  .max(20, 'give at most 20 thresholds')
  .transform((ts) => [...new Set(ts)].sort((a, b) => a - b))
  .default([...DEFAULT_THRESHOLDS]);

const settings = { monthlyUsd: monthlyUsdSchema, thresholds: thresholdsSchema, timezone: timezoneSchema.default('UTC') };

export const putBudgetSchema = z.discriminatedUnion(
  'scope',
  [
    z.object({ scope: z.literal('key'), keyId: z.uuid({ message: 'keyId must be a key id (a uuid, as in /api/keys)' }), ...settings }),
    z.object({ scope: z.literal('environment'), environment: z.string({ message: 'environment must name an environment, such as "production"' }).trim().min(1, 'environment must name an environment, such as "production"').max(100), ...settings }),
  ],
  { message: 'scope must be "key" (with keyId) or "environment" (with environment)' },
);
export type PutBudgetInput = z.infer<typeof putBudgetSchema>;

export const budgetStatusSchema = z.enum(['ok', 'warning', 'over']);

export const budgetViewSchema = z.object({
  id: z.string(),
  scope: z.enum(['key', 'environment']),
  keyId: z.string().nullable(),
  /** An environment budget's environment; a key budget's key's environment. */
  environment: z.string().nullable(),
  /** The key's name, or the environment's. */
  subjectName: z.string(),
  monthlyUsd: z.number(),
  thresholds: z.array(z.number().int()),
  timezone: z.string(),
  /** The month containing now in `timezone`: `YYYY-MM`, and its bounds (ISO, UTC). */
  period: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  monthToDateUsd: z.number(),
  percent: z.number(),
  forecastUsd: z.number(),
  forecastLowUsd: z.number(),
  forecastHighUsd: z.number(),
  projectedCrossingAt: z.string().nullable(),
  status: budgetStatusSchema,
  /** The last 6 months, oldest first; the last one is the current month so far. */
  history: z.array(z.object({ month: z.string(), actualUsd: z.number(), budgetUsd: z.number(), complete: z.boolean() })),
  /** Every day of `period`: spend from the 1st to the end of the day (today: to now, null
   * after), and the forecast's projected spend by the end of the day (from today on). */
  burn: z.array(z.object({ date: z.string(), actualUsd: z.number().nullable(), forecastUsd: z.number().nullable() })),
});

/** What PUT /api/budgets answers: the budget, and whether this request created it (PUT is an upsert). */
export const savedBudgetSchema = budgetViewSchema.extend({ created: z.boolean() });
export type SavedBudget = z.infer<typeof savedBudgetSchema>;
export type BudgetView = z.infer<typeof budgetViewSchema>;

export const budgetTotalsSchema = z.object({
  budgetUsd: z.number(),
  monthToDateUsd: z.number(),
  forecastUsd: z.number(),
  forecastLowUsd: z.number(),
  forecastHighUsd: z.number(),
  /** Budgets whose figures are in the totals. */
  counted: z.number().int(),
  /** Key budgets left out because their environment's budget already holds their spend. */
  nested: z.number().int(),
  over: z.number().int(),
  atRisk: z.number().int(),
});
export type BudgetTotals = z.infer<typeof budgetTotalsSchema>;

/** A page of budgets (environments first, then keys, each in the order they were set); `q` narrows by subject name. */
export const budgetListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type BudgetListQuery = z.infer<typeof budgetListQuerySchema>;

/** One page of budgets; `total` and `totals` count every budget (and `matching` those `q` finds). */
export const budgetListSchema = z.object({
  asOf: z.string(),
  total: z.number().int(),
  matching: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  totals: budgetTotalsSchema,
  budgets: z.array(budgetViewSchema),
});
export type BudgetList = z.infer<typeof budgetListSchema>;

export const deletedSchema = z.object({ deleted: z.literal(true) });

export const exportQuerySchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must look like 2026-03 (YYYY-MM)')
    .optional(),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;
