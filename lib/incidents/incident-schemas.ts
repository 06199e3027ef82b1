import { z } from 'zod';

// The incident pages' contracts: what the route handlers accept and return. Route handlers
// validate with these and the client parses responses with the same schemas.

export const incidentKinds = ['spike', 'off_hours', 'new_region', 'new_model', 'dormant_wake', 'budget', 'budget_forecast'] as const;
export const severities = ['info', 'warning', 'error', 'critical'] as const;
export const incidentStatuses = ['open', 'acknowledged', 'resolved'] as const;
export const feedbacks = ['expected', 'planned', 'leak'] as const;

export const incidentKindSchema = z.enum(incidentKinds);
export const severitySchema = z.enum(severities);
export const incidentStatusSchema = z.enum(incidentStatuses);
export const feedbackSchema = z.enum(feedbacks, { message: 'feedback must be expected, planned or leak' });

/** `status=active` is open or acknowledged: what on-call has on its plate. */
export const incidentsQuerySchema = z.object({
  status: z.enum([...incidentStatuses, 'active', 'all']).default('all'),
  kind: incidentKindSchema.optional(),
  severity: severitySchema.optional(), // at least this severe
  environment: z.string().max(100).optional(),
  key: z.uuid({ message: 'key must be a key id' }).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type IncidentsQuery = z.infer<typeof incidentsQuerySchema>;

export const incidentRowSchema = z.object({
  id: z.string(),
  kind: incidentKindSchema,
  severity: severitySchema,
  status: incidentStatusSchema,
  summary: z.string(),
  keyId: z.string().nullable(),
  keyName: z.string().nullable(),
  environment: z.string().nullable(),
  openedAt: z.string(),
  lastSeenAt: z.string(),
  resolvedAt: z.string().nullable(),
  findingCount: z.number().int(),
  feedback: feedbackSchema.nullable(),
});
export type IncidentRow = z.infer<typeof incidentRowSchema>;

export const incidentsPageSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.object({ open: z.number().int(), acknowledged: z.number().int() }),
  rows: z.array(incidentRowSchema),
});
export type IncidentsPage = z.infer<typeof incidentsPageSchema>;

export const incidentEventSchema = z.object({
  at: z.string(),
  type: z.string(),
  actor: z.string().nullable(),
  data: z.unknown().nullable(),
});

export const deliverySchema = z.object({
  id: z.string(),
  routeName: z.string(),
  channel: z.enum(['slack', 'pagerduty']),
  action: z.enum(['trigger', 'acknowledge', 'resolve', 'test']),
  status: z.enum(['pending', 'delivered', 'failed', 'cancelled']),
  attempts: z.number().int(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

export const incidentDetailSchema = incidentRowSchema.extend({
  dedupKey: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  feedbackNote: z.string().nullable(),
  feedbackBy: z.string().nullable(),
  key: z
    .object({ id: z.string(), name: z.string(), provider: z.enum(['openai', 'anthropic']), status: z.string(), redactedHint: z.string().nullable(), owner: z.string().nullable() })
    .nullable(),
  events: z.array(incidentEventSchema),
  deliveries: z.array(deliverySchema),
});
export type IncidentDetail = z.infer<typeof incidentDetailSchema>;

// The key's usage around the incident, a point per minute (or per hour for long ones), with
// the expected value the detector judged it against where the evidence has one.
export const incidentSeriesSchema = z.object({
  stepSeconds: z.number().int(),
  from: z.string(),
  to: z.string(),
  points: z.array(z.object({ t: z.string(), costUsd: z.number(), requests: z.number() })),
  expectedUsd: z.number().nullable(), // per step, at the opening bucket
});
export type IncidentSeries = z.infer<typeof incidentSeriesSchema>;

export const feedbackBodySchema = z.object({
  feedback: feedbackSchema,
  note: z.string().trim().max(2000, 'note must be at most 2000 characters').optional(),
});
