import { z } from 'zod';
import { AlertAction, IncidentKind, IncidentStatus, Severity } from '@/generated/prisma/enums';

// The channel-neutral alert: what every channel renders from. Built from an incident view
// (pure: links from the public base URL argument, no env, no clock), stored as the
// AlertDelivery payload, and read back with `alertMessageSchema`. Only the evidence fields
// named here leave Burnrate; anything else a detector put in `evidence` stays on the
// incident page.

const BREAKDOWN_ROWS = 5; // per list; the incident page has the rest

const modelRow = z.object({ model: z.string().min(1), costUsd: z.number().optional(), requests: z.number().optional() });
const regionRow = z.object({ region: z.string().min(1), costUsd: z.number().optional(), requests: z.number().optional() });

const budgetSchema = z.object({
  monthToDateUsd: z.number().optional(),
  budgetUsd: z.number().optional(),
  percent: z.number().optional(), // of budgetUsd, 0..100+
  forecastUsd: z.number().optional(), // month-end projection
  projectedCrossingAt: z.string().optional(), // ISO 8601
});

export const alertEvidenceSchema = z.object({
  observedUsd: z.number().optional(),
  expectedUsd: z.number().optional(),
  multiple: z.number().optional(), // observed / expected
  score: z.number().optional(), // detector score, z-like
  localTime: z.string().optional(), // 'YYYY-MM-DD HH:mm' in the key's time zone
  models: z.array(modelRow).optional(),
  regions: z.array(regionRow).optional(),
  budget: budgetSchema.optional(),
});

export type AlertEvidence = z.infer<typeof alertEvidenceSchema>;
export type ModelRow = z.infer<typeof modelRow>;
export type RegionRow = z.infer<typeof regionRow>;

export const alertMessageSchema = z.object({
  incidentId: z.string().nullable(), // null for a test alert
  dedupKey: z.string().min(1).max(255), // PagerDuty's dedup_key limit
  kind: z.enum(IncidentKind),
  severity: z.enum(Severity),
  status: z.enum(IncidentStatus),
  action: z.enum(AlertAction),
  title: z.string(), // e.g. 'Spend spike on support-chat (production)'
  summary: z.string(), // the incident's one line, as the detector wrote it
  evidence: alertEvidenceSchema,
  keyName: z.string().nullable(), // null: an environment-wide incident (environment budget)
  environment: z.string().nullable(),
  openedAt: z.iso.datetime(),
  actor: z.string().nullable(), // who acknowledged or resolved; null: automatic
  links: z.object({ incident: z.url(), key: z.url().nullable() }),
});

export type AlertMessage = z.infer<typeof alertMessageSchema>;

// The shape lib/incidents hands over (a Prisma select of Incident with its key).
export type IncidentView = {
  id: string;
  kind: IncidentKind;
  severity: Severity;
  status: IncidentStatus;
  summary: string;
  evidence: unknown; // the JSON column, unchecked
  dedupKey: string;
  openedAt: Date;
  environment: string | null;
  key: { id: string; name: string } | null;
  acknowledgedBy?: string | null;
  resolvedBy?: string | null;
};

export const KIND_LABEL: Record<IncidentKind, string> = {
  spike: 'Spend spike',
  off_hours: 'Off-hours use',
  new_region: 'Calls from a new region',
  new_model: 'New model in use',
  dormant_wake: 'Dormant key woke up',
  budget: 'Budget crossed',
  budget_forecast: 'Budget forecast to be crossed',
};

const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function rows<T extends { costUsd?: number; requests?: number }>(raw: unknown, schema: z.ZodType<T>): T[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const ok = raw.flatMap((r) => {
    const parsed = schema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  ok.sort((a, b) => (b.costUsd ?? -1) - (a.costUsd ?? -1) || (b.requests ?? 0) - (a.requests ?? 0));
  return ok.length ? ok.slice(0, BREAKDOWN_ROWS) : undefined;
}

// Breakdown rows as detectors write them ({ name, costUsd, requests }) under the field the
// message uses (model or region).
function named(raw: unknown, field: 'model' | 'region'): unknown {
  if (!Array.isArray(raw)) return raw;
  return raw.map((r) => (r && typeof r === 'object' && !(field in r) && 'name' in r ? { ...r, [field]: (r as { name: unknown }).name } : r));
}

// Field by field, so one odd value costs that field and never the page. Detectors store a
// multiple of Infinity ("from zero") as JSON null, which lands here as undefined.
export function evidenceOf(raw: unknown): AlertEvidence {
  const e = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const singleModel = typeof e.model === 'string' ? [{ model: e.model, costUsd: finite(e.observedUsd), requests: finite(e.requests) }] : undefined;
  // The budget detector writes its figures at the top level of the evidence.
  const budget = budgetSchema.safeParse(e.budget ?? (typeof e.budgetUsd === 'number' ? e : undefined));
  const out: AlertEvidence = {
    observedUsd: finite(e.observedUsd),
    expectedUsd: finite(e.expectedUsd),
    multiple: finite(e.multiple),
    score: finite(e.score),
    localTime: typeof e.localTime === 'string' ? e.localTime.slice(0, 64) : undefined,
    models: rows(named(e.models, 'model') ?? singleModel, modelRow),
    regions: rows(named(e.regions, 'region'), regionRow),
    budget: budget.success ? budget.data : undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as AlertEvidence;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export function alertTitle(kind: IncidentKind, keyName: string | null, environment: string | null): string {
  if (keyName) return `${KIND_LABEL[kind]} on ${keyName}${environment ? ` (${environment})` : ''}`;
  return `${KIND_LABEL[kind]} in ${environment ?? 'all environments'}`;
}

export type BuildOptions = {
  publicUrl: string; // BURNRATE_PUBLIC_URL; links in alerts are absolute
  actor?: string | null; // who acted (IncidentChange.actor); default: the incident's acknowledgedBy/resolvedBy
};

export function buildAlertMessage(incident: IncidentView, action: Exclude<AlertAction, 'test'>, options: BuildOptions): AlertMessage {
  const base = trimSlash(options.publicUrl);
  const recorded = action === 'acknowledge' ? incident.acknowledgedBy : action === 'resolve' ? incident.resolvedBy : null;
  const actor = action === 'trigger' ? null : options.actor !== undefined ? options.actor : recorded;
  return {
    incidentId: incident.id,
    dedupKey: incident.dedupKey,
    kind: incident.kind,
    severity: incident.severity,
    status: incident.status,
    action,
    title: alertTitle(incident.kind, incident.key?.name ?? null, incident.environment),
    summary: incident.summary,
    evidence: evidenceOf(incident.evidence),
    keyName: incident.key?.name ?? null,
    environment: incident.environment,
    openedAt: incident.openedAt.toISOString(),
    actor: actor ?? null,
    links: {
      incident: `${base}/incidents/${encodeURIComponent(incident.id)}`,
      key: incident.key ? `${base}/keys/${encodeURIComponent(incident.key.id)}` : null,
    },
  };
}

// "Send a test alert" on a route: looks like a real spike so the rendering is checked too,
// but says plainly that it is a test and needs no action.
export function buildTestMessage(input: { routeName: string; publicUrl: string; nowMs: number }): AlertMessage {
  const base = trimSlash(input.publicUrl);
  return {
    incidentId: null,
    dedupKey: `burnrate-test-${input.nowMs}`,
    kind: 'spike',
    severity: 'info',
    status: 'open',
    action: 'test',
    title: `Test alert for route ${input.routeName}`,
    summary: `Test alert from Burnrate: route "${input.routeName}" works. No action needed.`,
    evidence: { observedUsd: 12.5, expectedUsd: 1.25, multiple: 10, localTime: new Date(input.nowMs).toISOString().slice(0, 16).replace('T', ' ') },
    keyName: 'test-key',
    environment: 'test',
    openedAt: new Date(input.nowMs).toISOString(),
    actor: null,
    links: { incident: `${base}/`, key: null },
  };
}
