import { z } from 'zod';
import { formatPointLabel } from '@/lib/client/format';
import { feedbackSchema, severitySchema } from '@/lib/incidents/incident-schemas';
import type { IncidentDetail, IncidentRow } from '@/lib/incidents/incident-schemas';

// Words for the incident pages. Severity and status always reach the screen as text (with
// an icon), never as a colour alone.

export type IncidentKind = IncidentRow['kind'];
export type Severity = IncidentRow['severity'];
export type IncidentStatus = IncidentRow['status'];
export type Feedback = NonNullable<IncidentRow['feedback']>;
export type IncidentEvent = IncidentDetail['events'][number];

export const KIND_LABELS: Record<IncidentKind, string> = {
  spike: 'Spike',
  off_hours: 'Off-hours',
  new_region: 'New region',
  new_model: 'New model',
  dormant_wake: 'Dormant key woke',
  budget: 'Budget',
  budget_forecast: 'Budget forecast',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  info: 'Info',
  warning: 'Warning',
  error: 'Error',
  critical: 'Critical',
};

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

export const FEEDBACK_LABELS: Record<Feedback, string> = {
  expected: 'Expected',
  planned: 'Planned',
  leak: 'Leak',
};

/** What each answer does to detection (see lib/incidents/incident-actions.ts). */
export const FEEDBACK_DESCRIPTIONS: Record<Feedback, string> = {
  expected: 'Normal usage: Burnrate learns it as part of the key’s baseline.',
  planned: 'A known one-off (a launch, a batch job): kept out of the baseline.',
  leak: 'A leaked key or abuse: kept out of the baseline.',
};

/** A label for a kind that may come from free-form data (evidence, events). */
export function kindLabel(kind: string): string {
  return kind in KIND_LABELS ? KIND_LABELS[kind as IncidentKind] : kind.replaceAll('_', ' ');
}

/** "Spike on support-chat", "Budget in production": what the incident page is titled. */
export function incidentTitle(kind: IncidentKind, keyName: string | null, environment: string | null): string {
  if (keyName) return `${KIND_LABELS[kind]} on ${keyName}`;
  return `${KIND_LABELS[kind]} in ${environment ?? 'all environments'}`;
}

export type Availability = { allowed: true } | { allowed: false; reason: string };

/** Whether Acknowledge and Resolve are possible, and if not why; mirrors lib/incidents/incident-rules.ts. */
export function actionAvailability(
  incident: Pick<IncidentDetail, 'status' | 'acknowledgedBy' | 'resolvedBy'>,
): { acknowledge: Availability; resolve: Availability } {
  if (incident.status === 'resolved') {
    const reason = `Already resolved${incident.resolvedBy ? ` by ${incident.resolvedBy}` : ' automatically'}.`;
    return { acknowledge: { allowed: false, reason }, resolve: { allowed: false, reason } };
  }
  if (incident.status === 'acknowledged') {
    const reason = `Already acknowledged${incident.acknowledgedBy ? ` by ${incident.acknowledgedBy}` : ''}.`;
    return { acknowledge: { allowed: false, reason }, resolve: { allowed: true } };
  }
  return { acknowledge: { allowed: true }, resolve: { allowed: true } };
}

const openedData = z.object({ severity: severitySchema.optional(), summary: z.string().optional(), live: z.boolean().optional() });
const findingData = z.object({
  count: z.number().int().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  severity: severitySchema.optional(),
  summary: z.string().optional(),
});
const resolvedData = z.object({ auto: z.boolean().optional() });
const feedbackData = z.object({ feedback: feedbackSchema, note: z.string().nullable().optional() });

/** One timeline line: a title in words and an optional detail. Unknown types still read. */
export function describeEvent(event: IncidentEvent): { title: string; detail: string | null } {
  const by = event.actor ? ` by ${event.actor}` : '';
  switch (event.type) {
    case 'opened': {
      const d = openedData.safeParse(event.data ?? {}).data ?? {};
      const parts = [d.severity ? SEVERITY_LABELS[d.severity] : null, d.summary ?? null].filter(Boolean);
      const history = d.live === false ? ' (found in past usage, not paged)' : '';
      return { title: `Opened${history}`, detail: parts.length > 0 ? parts.join(': ') : null };
    }
    case 'finding': {
      const d = findingData.safeParse(event.data ?? {}).data ?? {};
      const count = d.count ?? 1;
      const span = d.from && d.to && d.from !== d.to ? ` from ${formatPointLabel(d.from, '24h')} to ${formatPointLabel(d.to, '24h')}` : '';
      return { title: `${count} more ${count === 1 ? 'finding' : 'findings'}${span}`, detail: d.summary ?? null };
    }
    case 'acknowledged':
      return { title: `Acknowledged${by}`, detail: null };
    case 'resolved': {
      const auto = resolvedData.safeParse(event.data ?? {}).data?.auto === true;
      return { title: auto ? 'Resolved automatically' : `Resolved${by}`, detail: null };
    }
    case 'feedback': {
      const d = feedbackData.safeParse(event.data);
      if (!d.success) return { title: `Feedback given${by}`, detail: null };
      return { title: `Marked as ${FEEDBACK_LABELS[d.data.feedback].toLowerCase()}${by}`, detail: d.data.note ?? null };
    }
    default: {
      const words = event.type.replaceAll('_', ' ');
      return { title: `${words.charAt(0).toUpperCase()}${words.slice(1)}${by}`, detail: null };
    }
  }
}
