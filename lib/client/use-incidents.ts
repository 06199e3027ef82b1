'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { fetchJson, postJson } from '@/lib/client/fetch-json';
import { changeFilters, incidentFiltersSearch, incidentsApiSearch, parseIncidentFilters } from '@/lib/client/incident-filters';
import type { IncidentFilters } from '@/lib/client/incident-filters';
import type { Feedback } from '@/lib/client/incident-labels';
import { incidentDetailSchema, incidentSeriesSchema, incidentsPageSchema } from '@/lib/incidents/incident-schemas';
import type { IncidentDetail } from '@/lib/incidents/incident-schemas';

export type IncidentsListQuery = Pick<IncidentFilters, 'status' | 'page'> & Partial<Omit<IncidentFilters, 'status' | 'page'>> & { pageSize: number };

/** Every incident key starts with 'incidents', so one invalidation refreshes lists, details and charts. */
export const incidentQueryKeys = {
  all: () => ['incidents'] as const,
  list: (query: IncidentsListQuery) => ['incidents', 'list', query] as const,
  detail: (id: string) => ['incidents', 'detail', id] as const,
  series: (id: string) => ['incidents', 'series', id] as const,
};

const incidentUrl = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;

export function useIncidents(query: IncidentsListQuery) {
  return useQuery({
    queryKey: incidentQueryKeys.list(query),
    queryFn: ({ signal }) => fetchJson(`/api/incidents?${incidentsApiSearch(query)}`, incidentsPageSchema, { signal }),
    // Keep the previous page on screen while another filter or page loads.
    placeholderData: keepPreviousData,
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: incidentQueryKeys.detail(id),
    queryFn: ({ signal }) => fetchJson(incidentUrl(id), incidentDetailSchema, { signal }),
  });
}

export function useIncidentSeries(id: string) {
  return useQuery({
    queryKey: incidentQueryKeys.series(id),
    queryFn: ({ signal }) => fetchJson(`${incidentUrl(id)}/series`, incidentSeriesSchema, { signal }),
  });
}

type IncidentAction = { type: 'acknowledge' } | { type: 'resolve' } | { type: 'feedback'; feedback: Feedback; note?: string };

/**
 * Acknowledge, resolve and feedback on one incident. The answer is the updated incident,
 * shown at once; lists (and the overview's open incidents) are refetched behind it.
 */
export function useIncidentAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: IncidentAction): Promise<IncidentDetail> => {
      const url = `${incidentUrl(id)}/${action.type}`;
      if (action.type !== 'feedback') return postJson(url, incidentDetailSchema);
      return postJson(url, incidentDetailSchema, { feedback: action.feedback, ...(action.note ? { note: action.note } : {}) });
    },
    onSuccess: async (incident) => {
      queryClient.setQueryData(incidentQueryKeys.detail(id), incident);
      await queryClient.invalidateQueries({ queryKey: incidentQueryKeys.all() });
    },
    // A 409 means someone else changed it meanwhile: show what it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: incidentQueryKeys.detail(id) }),
  });
}

/**
 * The list's filters, read from and written to the URL. Callers must sit inside a
 * Suspense boundary: useSearchParams opts out of static rendering.
 */
export function useIncidentFilters() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => parseIncidentFilters(searchParams), [searchParams]);

  const setFilters = useCallback(
    (change: Partial<IncidentFilters>) => {
      const search = incidentFiltersSearch(changeFilters(filters, change));
      // push: each view is a page of its own that the back button returns to.
      router.push(search ? `${pathname}?${search}` : pathname, { scroll: false });
    },
    [filters, pathname, router],
  );

  return { filters, setFilters };
}
