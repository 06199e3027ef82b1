import { z } from 'zod';
import { incidentKindSchema, severitySchema } from '@/lib/incidents/incident-schemas';

// Alert routes over the API: what an admin sends and what anyone sees. The target (webhook
// URL or routing key) goes in once and never comes back: responses carry its redacted hint.

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const slackWebhookSchema = z
  .url({ message: 'a Slack webhook is a URL such as https://hooks.slack.com/services/T…/B…/…' })
  .refine((u) => {
    if (!URL.canParse(u)) return false; // reported by z.url already; zod still runs refinements
    const url = new URL(u);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  }, 'a Slack webhook must be an https:// URL');

export const routingKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{32}$/, 'a PagerDuty routing key (integration key) is 32 letters and digits; copy it from the service’s Events API v2 integration');

const filters = {
  environments: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  kinds: z.array(incidentKindSchema).max(10).default([]),
  minSeverity: severitySchema.default('warning'),
  keyTags: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  enabled: z.boolean().default(true),
};

const name = z.string().trim().min(1, 'give the route a name').max(100);

// A digest route gathers info-level notices into one Slack message a day (DIGEST_HOUR_UTC).
// PagerDuty pages or does not; a daily batch of pages is not a thing.
export const DIGEST_ON_PAGERDUTY = 'a PagerDuty route pages at once; send the daily digest to a Slack route';
const slackDigest = z.boolean().default(false);
const noDigest = z.literal(false, { message: DIGEST_ON_PAGERDUTY }).default(false);

export const createRouteSchema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('slack'), name, target: slackWebhookSchema, digest: slackDigest, ...filters }),
  z.object({ channel: z.literal('pagerduty'), name, target: routingKeySchema, digest: noDigest, ...filters }),
]);
export type CreateRouteInput = z.infer<typeof createRouteSchema>;

// No defaults here: zod fills a default even inside .optional(), and a PATCH that leaves a
// list out must leave it as it is.
const environmentList = z.array(z.string().trim().min(1).max(100)).max(50);
const tagList = z.array(z.string().trim().min(1).max(100)).max(50);
export const updateRouteSchema = z.object({
  name: name.optional(),
  target: z.string().trim().min(1).max(2000).optional(), // checked against the route's channel
  environments: environmentList.optional(),
  kinds: z.array(incidentKindSchema).max(10).optional(),
  minSeverity: severitySchema.optional(),
  keyTags: tagList.optional(),
  enabled: z.boolean().optional(),
  digest: z.boolean().optional(), // checked against the route's channel
});
export type UpdateRouteInput = z.infer<typeof updateRouteSchema>;

export const alertRouteSchema = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.enum(['slack', 'pagerduty']),
  targetHint: z.string(),
  environments: z.array(z.string()),
  kinds: z.array(incidentKindSchema),
  minSeverity: severitySchema,
  keyTags: z.array(z.string()),
  /** Info-level notices only, gathered into one message a day. */
  digest: z.boolean(),
  enabled: z.boolean(),
  healthy: z.boolean(),
  unhealthyReason: z.string().nullable(),
  lastDeliveredAt: z.string().nullable(),
  pending: z.number().int(),
  failedLastDay: z.number().int(),
});
export type AlertRouteView = z.infer<typeof alertRouteSchema>;

export const alertRoutesSchema = z.object({ routes: z.array(alertRouteSchema) });

export const testResultSchema = z.object({ ok: z.boolean(), httpStatus: z.number().int().nullable(), message: z.string() });
export type TestResult = z.infer<typeof testResultSchema>;
