import { SEVERITIES, type FindingKind, type Severity } from '@/lib/detect/eval/finding';

// The rules of an incident's life, shared by the product (lib/incidents) and the
// evaluation replay (lib/detect/eval/group-incidents.ts) so both group findings the same
// way. Pure: times are epoch ms arguments.

/** An incident closes after this long without a finding (counted from the end of the last bucket with one). */
export const DEFAULT_QUIET_SECONDS = 3600;

/** Anomaly kinds resolve after a quiet period; budget kinds at the end of their period. */
export const BUDGET_KINDS: readonly FindingKind[] = ['budget', 'budget_forecast'];
export const isBudgetKind = (kind: FindingKind) => BUDGET_KINDS.includes(kind);

/**
 * Findings that belong to one incident while it is open: on a key, every anomaly kind
 * (a leak that starts as a spike and goes on into the night is one incident, not a spike
 * page and then an off-hours page); a budget finding only with its own kind.
 */
export function incidentGroup(kind: FindingKind, subject: string): string {
  return `${isBudgetKind(kind) ? kind : 'anomaly'}\u0000${subject}`;
}

/**
 * Whether a finding at `findingAt` belongs to an incident whose latest finding was in the
 * bucket starting at `lastSeenAt`: true until `quietMs` pass after that bucket's end.
 */
export function continuesIncident(lastSeenAt: number, findingAt: number, bucketMs: number, quietMs: number): boolean {
  return findingAt - (lastSeenAt + bucketMs) < quietMs;
}

/** Whether an open incident has been quiet long enough at `now` to resolve by itself. */
export function isQuiet(lastSeenAt: number, now: number, bucketMs: number, quietMs: number): boolean {
  return now - (lastSeenAt + bucketMs) >= quietMs;
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(b) > severityRank(a) ? b : a;
}

/**
 * The incident's dedup key: stable for its whole life and unique across incidents, so a
 * channel that sees it twice (PagerDuty `dedup_key`) updates one alert instead of paging
 * again. Subject is a key id, or `env:<name>` for environment budgets.
 */
export function dedupKeyFor(kind: FindingKind, subject: string, openedAt: number): string {
  return `burnrate:${kind}:${subject}:${new Date(openedAt).toISOString()}`;
}

export type IncidentStatus = 'open' | 'acknowledged' | 'resolved';
export type IncidentAction = 'acknowledge' | 'resolve';

/** The status an action leads to from `status`, or why it cannot. */
export function transition(status: IncidentStatus, action: IncidentAction): { to: IncidentStatus } | { refused: string } {
  if (status === 'resolved') return { refused: `the incident is already resolved` };
  if (action === 'acknowledge') return status === 'acknowledged' ? { refused: 'the incident is already acknowledged' } : { to: 'acknowledged' };
  return { to: 'resolved' };
}
