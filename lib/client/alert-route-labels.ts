import { DIGEST_HOUR_UTC } from '@/lib/alerts/delivery-policy';
import { KIND_LABELS } from '@/lib/client/incident-labels';
import type { IncidentKind, Severity } from '@/lib/client/incident-labels';
import type { AlertRouteView } from '@/lib/alerts/alert-route-schemas';

// Words for the alert-routes page. Health and on/off reach the screen as text with an
// icon, never as a colour alone; the target only ever as its redacted hint.

export type AlertChannel = AlertRouteView['channel'];

export const CHANNEL_LABELS: Record<AlertChannel, string> = { slack: 'Slack', pagerduty: 'PagerDuty' };

/** The target field follows the channel: what it is called, where to find it, what it looks like. */
export const TARGET_FIELDS: Record<AlertChannel, { label: string; help: string; placeholder: string }> = {
  slack: {
    label: 'Slack incoming webhook URL',
    help: 'Create one under the Slack app’s Incoming Webhooks and pick the channel there; it starts with https://hooks.slack.com/services/.',
    placeholder: 'https://hooks.slack.com/services/T…/B…/…',
  },
  pagerduty: {
    label: 'PagerDuty routing key (Events API v2)',
    help: 'The 32-character integration key of the service’s Events API v2 integration (Service → Integrations).',
    placeholder: '32 letters and digits',
  },
};

// A route's severity is a floor.
export const MIN_SEVERITY_LABELS: Record<Severity, string> = {
  info: 'Info and above',
  warning: 'Warning and above',
  error: 'Error and above',
  critical: 'Critical only',
};

type RouteFilters = { environments: readonly string[]; kinds: readonly IncidentKind[]; minSeverity: Severity; keyTags: readonly string[]; digest?: boolean };

/** "production · spike, budget · error and above"; an empty list reads "all …"; a digest says when it goes out. */
export function describeRouteFilters(route: RouteFilters): string {
  const parts = [
    route.environments.length > 0 ? route.environments.join(', ') : 'all environments',
    route.kinds.length > 0 ? route.kinds.map((k) => KIND_LABELS[k].toLowerCase()).join(', ') : 'all kinds',
    route.digest ? DIGEST_WORDS : MIN_SEVERITY_LABELS[route.minSeverity].toLowerCase(),
  ];
  if (route.keyTags.length > 0) parts.push(`keys tagged ${route.keyTags.join(' or ')}`);
  return parts.join(' · ');
}

/** What a digest route sends, and when. */
export const DIGEST_WORDS = `info notices in a daily digest at ${String(DIGEST_HOUR_UTC).padStart(2, '0')}:00 UTC`;

/** "PagerDuty for production at error and above", "Slack for everything at warning and above", "Slack digest …". */
export function describePreset(channel: AlertChannel, route: RouteFilters): string {
  const scope = route.environments.length > 0 ? route.environments.join(', ') : 'everything';
  if (route.digest) return `${CHANNEL_LABELS[channel]} for ${scope}: ${DIGEST_WORDS}`;
  return `${CHANNEL_LABELS[channel]} for ${scope} at ${MIN_SEVERITY_LABELS[route.minSeverity].toLowerCase()}`;
}

export type RouteHealth = { state: 'healthy' | 'failing'; icon: string; label: string; detail: string | null };

/** Health is learnt by sending: a failing route still gets alerts and recovers with the next good send. */
export function routeHealth(route: Pick<AlertRouteView, 'healthy' | 'unhealthyReason'>): RouteHealth {
  if (route.healthy) return { state: 'healthy', icon: '✓', label: 'Healthy', detail: null };
  return { state: 'failing', icon: '✖', label: 'Failing', detail: route.unhealthyReason ?? 'The last send failed.' };
}

/** "2 pending · 1 failed in the last day"; "Nothing pending · no failures in the last day". */
export function describeDeliveryCounts(pending: number, failedLastDay: number): string {
  const queued = pending === 0 ? 'Nothing pending' : `${pending} pending`;
  const failed = failedLastDay === 0 ? 'no failures in the last day' : `${failedLastDay} failed in the last day`;
  return `${queued} · ${failed}`;
}

/** Server messages start lower-case so they read inside a sentence; on their own they get a capital. */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
