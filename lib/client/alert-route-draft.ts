import type { z } from 'zod';
import type { AlertChannel } from '@/lib/client/alert-route-labels';
import { describePreset } from '@/lib/client/alert-route-labels';
import type { IncidentKind, Severity } from '@/lib/client/incident-labels';
import type { AlertRouteView, createRouteSchema, UpdateRouteInput } from '@/lib/alerts/alert-route-schemas';
import { defaultRoutes } from '@/lib/alerts/route-incidents';
import { incidentKinds } from '@/lib/incidents/incident-schemas';

// The add/edit route form as plain data: what the fields hold, the request body they make,
// and the server's validation message split back onto the fields it is about.

export type RouteField = 'channel' | 'name' | 'target' | 'environments' | 'kinds' | 'minSeverity' | 'keyTags' | 'digest' | 'enabled';

/** Lists are typed as text ("production, staging") and split on submit. */
export type RouteDraft = {
  channel: AlertChannel;
  name: string;
  target: string;
  environments: string;
  kinds: IncidentKind[];
  minSeverity: Severity;
  keyTags: string;
  /** Slack only: info-level notices gathered into one message a day. */
  digest: boolean;
  enabled: boolean;
};

export type CreateRouteBody = z.input<typeof createRouteSchema>;

export function emptyDraft(channel: AlertChannel = 'slack'): RouteDraft {
  return { channel, name: '', target: '', environments: '', kinds: [], minSeverity: 'warning', keyTags: '', digest: false, enabled: true };
}

/** An existing route as a draft. The target stays empty: it is a secret, and empty means "keep it". */
export function draftOf(route: AlertRouteView): RouteDraft {
  return {
    channel: route.channel,
    name: route.name,
    target: '',
    environments: route.environments.join(', '),
    kinds: sortKinds(route.kinds),
    minSeverity: route.minSeverity,
    keyTags: route.keyTags.join(', '),
    digest: route.digest,
    enabled: route.enabled,
  };
}

/** "production, staging,, production" -> ["production", "staging"]: commas or new lines, no blanks, no repeats. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((s) => s.trim()).filter((s) => s.length > 0))];
}

export function sortKinds(kinds: readonly IncidentKind[]): IncidentKind[] {
  return incidentKinds.filter((k) => kinds.includes(k));
}

export function createBody(draft: RouteDraft): CreateRouteBody {
  return {
    channel: draft.channel,
    name: draft.name.trim(),
    target: draft.target.trim(),
    environments: splitList(draft.environments),
    kinds: sortKinds(draft.kinds),
    minSeverity: draft.minSeverity,
    keyTags: splitList(draft.keyTags),
    digest: draft.channel === 'slack' && draft.digest,
    enabled: draft.enabled,
  } as CreateRouteBody;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** What the edit changed; an empty target keeps the secret. */
export function changedFields(draft: RouteDraft, route: AlertRouteView): UpdateRouteInput {
  const body: UpdateRouteInput = {};
  const name = draft.name.trim();
  if (name !== route.name) body.name = name;
  const target = draft.target.trim();
  if (target.length > 0) body.target = target;
  const environments = splitList(draft.environments);
  if (!sameList(environments, route.environments)) body.environments = environments;
  const kinds = sortKinds(draft.kinds);
  if (!sameList(kinds, sortKinds(route.kinds))) body.kinds = kinds;
  if (draft.minSeverity !== route.minSeverity) body.minSeverity = draft.minSeverity;
  const keyTags = splitList(draft.keyTags);
  if (!sameList(keyTags, route.keyTags)) body.keyTags = keyTags;
  if (draft.digest !== route.digest) body.digest = draft.digest;
  if (draft.enabled !== route.enabled) body.enabled = draft.enabled;
  return body;
}

/** The PATCH body for an edit, or null when nothing changed (no request needed). */
export function updateBody(draft: RouteDraft, route: AlertRouteView): UpdateRouteInput | null {
  const changes = changedFields(draft, route);
  return Object.keys(changes).length === 0 ? null : changes;
}

/** The PATCH body that disables an enabled route, or enables a disabled one, and changes nothing else. */
export function toggleBody(route: AlertRouteView): UpdateRouteInput {
  return { enabled: !route.enabled };
}

export type RoutePreset = { id: string; label: string; why: string; draft: RouteDraft };

/** The install defaults (lib/alerts/route-incidents.ts) the form offers as starting points. */
export function routePresets(): RoutePreset[] {
  return defaultRoutes().map((d) => ({
      id: d.name,
      label: describePreset(d.channel, d),
      why: d.why,
    draft: { ...emptyDraft(d.channel), name: d.name, environments: d.environments.join(', '), kinds: sortKinds(d.kinds), minSeverity: d.minSeverity, keyTags: d.keyTags.join(', '), digest: d.digest },
  }));
}

export type FieldErrors = { fields: Partial<Record<RouteField, string>>; general: string | null };

const FIELDS = new Set<string>(['channel', 'name', 'target', 'environments', 'kinds', 'minSeverity', 'keyTags', 'enabled']);
const isField = (s: string): s is RouteField => FIELDS.has(s);
// lib/http.ts joins issues as "path: message; path: message"; a message may hold "; " itself.
const ISSUE_SPLIT = /; (?=(?:channel|name|target|environments|kinds|minSeverity|keyTags|enabled)(?:\.\d+)?: )/;

/**
 * Puts each part of a refused save next to its field: "Invalid body: target: …" (a
 * create), "Invalid target: …" (an edit), a 409 for a taken name. The rest is general.
 */
export function fieldErrors(error: { message: string; status?: number }): FieldErrors {
  const result: FieldErrors = { fields: {}, general: null };
  if (error.status === 409 && /^A route named /.test(error.message)) {
    result.fields.name = error.message;
    return result;
  }
  const target = /^Invalid target: (.+)$/s.exec(error.message);
  if (target) {
    result.fields.target = target[1]!;
    return result;
  }
  const body = /^Invalid body: (.+)$/s.exec(error.message);
  if (!body) return { fields: {}, general: error.message };
  const rest: string[] = [];
  for (const issue of body[1]!.split(ISSUE_SPLIT)) {
    const match = /^([A-Za-z]+)(?:\.\d+)?: (.+)$/s.exec(issue);
    const field = match?.[1];
    if (match && field && isField(field)) result.fields[field] ??= match[2]!;
    else rest.push(issue);
  }
  if (rest.length > 0) result.general = `Invalid input: ${rest.join('; ')}`;
  return result;
}
