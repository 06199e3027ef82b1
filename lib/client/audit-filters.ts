import { z } from 'zod';

// The audit page's view, kept in the URL (`/settings/audit?entity=budget&from=2026-11-01`)
// so a link opens exactly that view and the export carries it. Days are UTC calendar days,
// `to` included. Unknown values fall back to "unset" instead of failing the page.

export type AuditFilters = {
  /** An action ("budget.update") or an action prefix ending in "." ("budget."). */
  action: string | undefined;
  /** The entity type (`targetType`): budget, alert_route, provider_connection, … */
  entity: string | undefined;
  /** One entity's id, set by links from an entry. */
  entityId: string | undefined;
  actor: string | undefined;
  from: string | undefined;
  to: string | undefined;
  page: number;
};

type ParamReader = { get(name: string): string | null };

const day = z.iso.date();
const text = (value: string | null, max: number) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
};

export function parseAuditFilters(params: ParamReader): AuditFilters {
  const from = day.safeParse(params.get('from'));
  const to = day.safeParse(params.get('to'));
  const page = z.coerce.number().int().min(1).max(100_000).safeParse(params.get('page') ?? undefined);
  return {
    action: text(params.get('action'), 100),
    entity: text(params.get('entity'), 100),
    entityId: text(params.get('entityId'), 200),
    actor: text(params.get('actor'), 320),
    from: from.success ? from.data : undefined,
    to: to.success ? to.data : undefined,
    page: page.success ? page.data : 1,
  };
}

/** The page's query string for `filters`, without defaults: "" for the whole log. */
export function auditFiltersSearch(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const name of ['action', 'entity', 'entityId', 'actor', 'from', 'to'] as const) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  if (filters.page > 1) params.set('page', String(filters.page));
  return params.toString();
}

/** A change of any filter but the page starts again from the first page. */
export function changeAuditFilters(current: AuditFilters, change: Partial<AuditFilters>): AuditFilters {
  const next = { ...current, ...change };
  return 'page' in change ? next : { ...next, page: 1 };
}

export function hasAuditFilters(filters: AuditFilters): boolean {
  return [filters.action, filters.entity, filters.entityId, filters.actor, filters.from, filters.to].some((v) => v !== undefined);
}

const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString();

/** The filters as the API reads them (GET /api/audit and /api/audit/export), without paging. */
export function auditApiFilters(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.action) params.set('action', filters.action);
  if (filters.entity) params.set('targetType', filters.entity);
  if (filters.entityId) params.set('targetId', filters.entityId);
  if (filters.actor) params.set('actor', filters.actor);
  if (filters.from) params.set('since', `${filters.from}T00:00:00.000Z`);
  if (filters.to) params.set('until', nextDay(filters.to));
  return params;
}

/** GET /api/audit for one page of the filtered log. */
export function auditApiSearch(filters: AuditFilters, pageSize: number): string {
  const params = auditApiFilters(filters);
  params.set('page', String(filters.page));
  params.set('pageSize', String(pageSize));
  return params.toString();
}

/** The JSON-lines export of everything the filters match, every page. */
export function auditExportHref(filters: AuditFilters): string {
  const search = auditApiFilters(filters).toString();
  return search ? `/api/audit/export?${search}` : '/api/audit/export';
}
