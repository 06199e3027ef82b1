import { z } from 'zod';
import { incidentKindSchema, incidentStatuses, severitySchema } from '@/lib/incidents/incident-schemas';
import type { IncidentsQuery } from '@/lib/incidents/incident-schemas';

// The incident list's view, kept in the URL (`/incidents?status=all&kind=spike`) so a link
// opens exactly that view. Defaults are left out of the URL; unknown values fall back to
// the defaults instead of failing the page.

export const statusFilterSchema = z.enum(['active', ...incidentStatuses, 'all']);
export type StatusFilter = z.infer<typeof statusFilterSchema>;

export type IncidentFilters = {
  status: StatusFilter;
  kind: IncidentsQuery['kind'];
  severity: IncidentsQuery['severity'];
  environment: string | undefined;
  /** A key id; set by links from a key, shown as a removable filter. */
  key: string | undefined;
  page: number;
};

export const DEFAULT_STATUS: StatusFilter = 'active';

type ParamReader = { get(name: string): string | null };

export function parseIncidentFilters(params: ParamReader): IncidentFilters {
  const status = statusFilterSchema.safeParse(params.get('status'));
  const kind = incidentKindSchema.safeParse(params.get('kind'));
  const severity = severitySchema.safeParse(params.get('severity'));
  const environment = params.get('environment')?.trim();
  const key = z.uuid().safeParse(params.get('key'));
  const page = z.coerce.number().int().min(1).max(100_000).safeParse(params.get('page') ?? undefined);
  return {
    status: status.success ? status.data : DEFAULT_STATUS,
    kind: kind.success ? kind.data : undefined,
    severity: severity.success ? severity.data : undefined,
    environment: environment ? environment.slice(0, 100) : undefined,
    key: key.success ? key.data : undefined,
    page: page.success ? page.data : 1,
  };
}

/** The query string for `filters`, without defaults: "" for the default view. */
export function incidentFiltersSearch(filters: IncidentFilters): string {
  const params = new URLSearchParams();
  if (filters.status !== DEFAULT_STATUS) params.set('status', filters.status);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.severity) params.set('severity', filters.severity);
  if (filters.environment) params.set('environment', filters.environment);
  if (filters.key) params.set('key', filters.key);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params.toString();
}

/** A change of any filter but the page starts again from the first page. */
export function changeFilters(current: IncidentFilters, change: Partial<IncidentFilters>): IncidentFilters {
  const next = { ...current, ...change };
  return 'page' in change ? next : { ...next, page: 1 };
}

/** The API query for one page of the list. */
export function incidentsApiSearch(query: Pick<IncidentFilters, 'status' | 'page'> & Partial<IncidentFilters> & { pageSize: number }): string {
  const params = new URLSearchParams({ status: query.status, page: String(query.page), pageSize: String(query.pageSize) });
  if (query.kind) params.set('kind', query.kind);
  if (query.severity) params.set('severity', query.severity);
  if (query.environment) params.set('environment', query.environment);
  if (query.key) params.set('key', query.key);
  return params.toString();
}
