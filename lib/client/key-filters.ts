import { keysQuerySchema, keySortSchema } from '@/lib/usage/overview-schemas';
import type { KeysQuery } from '@/lib/usage/overview-schemas';

// The keys page's view, kept in the URL (`/keys?sort=last7d&environment=staging&tag=batch`)
// so a link opens exactly that view. Defaults are left out of the URL; unknown values fall
// back to the defaults instead of failing the page.

export type KeyFilters = Pick<KeysQuery, 'sort' | 'page'> & Partial<Pick<KeysQuery, 'q' | 'environment' | 'provider' | 'status' | 'tag'>>;

export const DEFAULT_KEY_SORT: KeysQuery['sort'] = 'cost';
const TEXT_FILTERS = ['q', 'environment', 'tag'] as const;
const shape = keysQuerySchema.shape;

type ParamReader = { get(name: string): string | null };

export function parseKeyFilters(params: ParamReader): KeyFilters {
  const value = (name: string) => params.get(name) ?? undefined;
  const sort = keySortSchema.safeParse(value('sort'));
  const page = shape.page.safeParse(value('page'));
  const provider = shape.provider.safeParse(value('provider'));
  const status = shape.status.safeParse(value('status'));
  const filters: KeyFilters = {
    sort: sort.success ? sort.data : DEFAULT_KEY_SORT,
    page: page.success ? page.data : 1,
    provider: provider.success ? provider.data : undefined,
    status: status.success ? status.data : undefined,
  };
  for (const name of TEXT_FILTERS) {
    const text = value(name)?.trim().slice(0, 100);
    if (text) filters[name] = text;
  }
  return filters;
}

/** The query string for `filters`, without defaults: "" for the default view. */
export function keyFiltersSearch(filters: KeyFilters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.sort !== DEFAULT_KEY_SORT) params.set('sort', filters.sort);
  for (const name of ['environment', 'provider', 'status', 'tag'] as const) {
    const v = filters[name];
    if (v) params.set(name, v);
  }
  if (filters.page > 1) params.set('page', String(filters.page));
  return params.toString();
}

/** A change of anything but the page starts again from the first page. */
export function changeKeyFilters(current: KeyFilters, change: Partial<KeyFilters>): KeyFilters {
  const next = { ...current, ...change };
  return 'page' in change ? next : { ...next, page: 1 };
}

/** The API query string for one page of the list. */
export function keysApiSearch(query: KeyFilters & { pageSize: number }): string {
  const params = new URLSearchParams({ sort: query.sort, page: String(query.page), pageSize: String(query.pageSize) });
  for (const name of ['q', 'environment', 'provider', 'status', 'tag'] as const) {
    const v = query[name];
    if (v) params.set(name, v);
  }
  return params.toString();
}
