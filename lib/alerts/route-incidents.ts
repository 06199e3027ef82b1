import type { AlertChannel, IncidentKind, Severity } from '@/generated/prisma/enums';

// Which alert routes an incident goes to. Pure: the incident and the route table in, the
// matching routes out. The rules, in order:
//  1. A disabled route gets nothing.
//  2. Filters: an empty list matches everything. `environments` needs the incident's
//     environment in the list (an incident without one matches only unfiltered routes);
//     `kinds` needs its kind; `keyTags` needs at least one tag in common with the key.
//  3. Severity: immediate routes get incidents at or above `minSeverity`
//     (info < warning < error < critical).
//  4. Digest routes batch quiet notices (the 50% budget mark, a new model at info) into a
//     daily message, so they get info-severity incidents only and ignore `minSeverity`:
//     anything louder deserves an immediate route, and a digest that repeated it a day
//     later would be noise.
//  5. Unhealthy routes are still chosen. Health is found out by sending (a revoked webhook,
//     a deleted service); the delivery records the failure for the UI, and the route recovers
//     with the next send once it is fixed. Skipping it would lose pages silently.
// Only opening an incident (or raising its severity) is routed. Acknowledge and resolve
// follow-ups go to the routes that got the trigger, from the deliveries already written, so
// a route edited in between still sees its alert closed.

export const SEVERITY_ORDER: readonly Severity[] = ['info', 'warning', 'error', 'critical'];

export type RoutableIncident = {
  kind: IncidentKind;
  severity: Severity;
  environment: string | null;
  keyTags: readonly string[]; // the key's tags; [] for environment-wide incidents
};

export type RouteRule = {
  id: string;
  channel: AlertChannel;
  environments: readonly string[];
  kinds: readonly IncidentKind[];
  minSeverity: Severity;
  keyTags: readonly string[];
  digest: boolean;
  enabled: boolean;
  healthy: boolean;
};

export const atLeast = (severity: Severity, floor: Severity) => SEVERITY_ORDER.indexOf(severity) >= SEVERITY_ORDER.indexOf(floor);

const anyOrIncludes = <T>(list: readonly T[], value: T | null) => list.length === 0 || (value !== null && list.includes(value));

export function routeMatches(incident: RoutableIncident, route: RouteRule): boolean {
  if (!route.enabled) return false;
  if (!anyOrIncludes(route.environments, incident.environment)) return false;
  if (!anyOrIncludes(route.kinds, incident.kind)) return false;
  if (route.keyTags.length > 0 && !route.keyTags.some((t) => incident.keyTags.includes(t))) return false;
  if (route.digest) return incident.severity === 'info';
  return atLeast(incident.severity, route.minSeverity);
}

// In table order, so deliveries are written (and sent) in the order the admin listed them.
export function routeIncident<R extends RouteRule>(incident: RoutableIncident, routes: readonly R[]): R[] {
  return routes.filter((r) => routeMatches(incident, r));
}

export type DefaultRoute = Omit<RouteRule, 'id' | 'enabled' | 'healthy'> & { name: string; why: string };

// What a fresh install proposes; the admin supplies the webhook URL and routing key.
// Together the two Slack routes take every incident exactly once: warning and above at
// once, info in the daily digest.
export function defaultRoutes(): DefaultRoute[] {
  return [
    {
      name: 'pagerduty-production',
      channel: 'pagerduty',
      environments: ['production'],
      // A forecast is a planning signal, not a 3 a.m. page; every kind that means money is
      // being spent right now (abuse, a leak, an overrun) pages at error and above.
      kinds: ['spike', 'off_hours', 'new_region', 'new_model', 'dormant_wake', 'budget'],
      minSeverity: 'error',
      keyTags: [],
      digest: false,
      why: 'Pages on-call for production spend anomalies and budget overruns.',
    },
    {
      name: 'slack-alerts',
      channel: 'slack',
      environments: [],
      kinds: [],
      minSeverity: 'warning',
      keyTags: [],
      digest: false,
      why: 'Every alert from every environment, as it happens, for the team channel.',
    },
    {
      name: 'slack-digest',
      channel: 'slack',
      environments: [],
      kinds: [],
      minSeverity: 'info',
      keyTags: [],
      digest: true,
      why: 'Quiet notices (50% of a budget, info-level findings) once a day.',
    },
  ];
}
