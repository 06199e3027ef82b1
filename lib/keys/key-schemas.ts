import { z } from 'zod';
import { incidentKindSchema, incidentStatusSchema, severitySchema } from '@/lib/incidents/incident-schemas';
import { rangeSchema, unitSchema } from '@/lib/usage/overview-schemas';

// The key and environment pages' contracts: what the route handlers accept and return.
// Route handlers validate with these and the client parses responses with the same schemas.
// No schema here has a field for a credential: a key is shown by its provider's redacted hint.

export const providerIdSchema = z.enum(['openai', 'anthropic']);
export const keyStatuses = ['active', 'inactive', 'disabled', 'deleted'] as const;
export const keyStatusSchema = z.enum(keyStatuses);

export const hygieneRules = ['rotation_overdue', 'shared_project', 'unused', 'no_owner'] as const;
export const hygieneRuleSchema = z.enum(hygieneRules);
export type HygieneRule = z.infer<typeof hygieneRuleSchema>;

export const hygieneFindingSchema = z.object({
  keyId: z.string(),
  keyName: z.string(),
  rule: hygieneRuleSchema,
  detail: z.string(),
});
export type HygieneFinding = z.infer<typeof hygieneFindingSchema>;

export const hygienePolicySchema = z.object({
  rotationDays: z.number().int().positive(),
  unusedDays: z.number().int().positive(),
});
export type HygienePolicy = z.infer<typeof hygienePolicySchema>;

/** Findings shown per rule on the overview of every rule; `?rule=` pages through one rule. */
export const HYGIENE_PREVIEW = 10;

export const hygieneQuerySchema = z.object({
  rule: hygieneRuleSchema.optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type HygieneQuery = z.infer<typeof hygieneQuerySchema>;

export const hygieneReportSchema = z.object({
  asOf: z.string(),
  policy: hygienePolicySchema,
  /** Keys the rules looked at: active keys the provider lists. */
  keyCount: z.number().int(),
  /** Findings per rule, all of them, whatever is shown. */
  counts: z.record(hygieneRuleSchema, z.number().int()),
  /** One rule's page of findings, or null: the first HYGIENE_PREVIEW of every rule. */
  rule: hygieneRuleSchema.nullable(),
  page: z.number().int(),
  pageSize: z.number().int(),
  findings: z.array(hygieneFindingSchema),
});
export type HygieneReport = z.infer<typeof hygieneReportSchema>;

export const keyIncidentSchema = z.object({
  id: z.string(),
  kind: incidentKindSchema,
  severity: severitySchema,
  status: incidentStatusSchema,
  summary: z.string(),
  openedAt: z.string(),
});

export const keyDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: providerIdSchema,
  providerKeyId: z.string(),
  redactedHint: z.string().nullable(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  environment: z.string(),
  owner: z.string().nullable(),
  status: keyStatusSchema,
  tags: z.array(z.string()),
  providerCreatedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  disabledAt: z.string().nullable(),
  disabledBy: z.string().nullable(),
  createdAt: z.string(),
  /** The provider connection that lists the key; null when it is seen only through ingest. */
  connectionName: z.string().nullable(),
  /** Why the key cannot be disabled from Burnrate, or null when it can. */
  disableBlockedReason: z.string().nullable(),
  monthToDateUsd: z.number(),
  budgetUsd: z.number().nullable(),
  budgetPercent: z.number().nullable(),
  incidents: z.object({ active: z.number().int(), total: z.number().int(), recent: z.array(keyIncidentSchema) }),
  hygiene: z.array(hygieneFindingSchema),
});
export type KeyDetail = z.infer<typeof keyDetailSchema>;

export const keySeriesQuerySchema = z.object({
  range: rangeSchema.default('7d'),
  unit: unitSchema.default('cost'),
});
export type KeySeriesQuery = z.infer<typeof keySeriesQuerySchema>;

// One point per step (an hour for 24h and 7d, a UTC day for 30d and 90d). `expected`,
// `lower` and `upper` are the band the spike detector judges cost by (expected ± 3 sd),
// null where it has no expectation yet (a new key) and for units other than cost.
export const seriesPointSchema = z.object({
  t: z.string(),
  value: z.number(),
  expected: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

export const incidentMarkerSchema = z.object({
  id: z.string(),
  openedAt: z.string(),
  kind: incidentKindSchema,
  severity: severitySchema,
});
export type IncidentMarker = z.infer<typeof incidentMarkerSchema>;

export const keySeriesSchema = z.object({
  range: rangeSchema,
  unit: unitSchema,
  stepSeconds: z.number().int().positive(),
  /** The local time zone the expected band's hours of the week are in. */
  timezone: z.string(),
  points: z.array(seriesPointSchema),
  markers: z.array(incidentMarkerSchema),
});
export type KeySeries = z.infer<typeof keySeriesSchema>;

export const keyBreakdownQuerySchema = z.object({ range: rangeSchema.default('7d') });
export type KeyBreakdownQuery = z.infer<typeof keyBreakdownQuerySchema>;

export const breakdownRowSchema = z.object({
  /** A model, or an ISO 3166-1 alpha-2 country; "" is an unknown caller region. */
  name: z.string(),
  costUsd: z.number(),
  requests: z.number(),
  tokens: z.number(),
  /** Of the table's cost, 0..1. */
  share: z.number(),
});
export type BreakdownRow = z.infer<typeof breakdownRowSchema>;

export const keyBreakdownSchema = z.object({
  range: rangeSchema,
  models: z.array(breakdownRowSchema),
  /** From ingested events only: admin usage APIs do not report where callers are. */
  regions: z.array(breakdownRowSchema),
});
export type KeyBreakdown = z.infer<typeof keyBreakdownSchema>;

export const disableKeyBodySchema = z.object({
  confirmName: z.string({ message: "confirmName must be the key's name, typed to confirm" }).max(500),
});

/** An environment named in a URL segment: free text, so only its length and control characters (NUL cannot reach Postgres) are checked. */
export const environmentNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'an environment name has no control characters');
