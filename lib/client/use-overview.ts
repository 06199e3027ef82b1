'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/client/fetch-json';
import {
  healthSchema,
  keysPageSchema,
  overviewSummarySchema,
  topMoversSchema,
  usageSeriesSchema,
} from '@/lib/usage/overview-schemas';
import type { KeysQuery, Range, Unit } from '@/lib/usage/overview-schemas';

/** Query keys carry every parameter so each view is cached on its own. */
export const overviewQueryKeys = {
  summary: () => ['overview', 'summary'] as const,
  movers: () => ['overview', 'movers'] as const,
  usageSeries: (range: Range, unit: Unit) => ['usage', 'series', { range, unit }] as const,
  keys: (query: KeysQuery) => ['keys', 'list', query] as const,
  health: () => ['health'] as const,
};

export function useSummary() {
  return useQuery({
    queryKey: overviewQueryKeys.summary(),
    queryFn: ({ signal }) => fetchJson('/api/overview/summary', overviewSummarySchema, { signal }),
  });
}

export function useTopMovers() {
  return useQuery({
    queryKey: overviewQueryKeys.movers(),
    queryFn: ({ signal }) => fetchJson('/api/overview/movers', topMoversSchema, { signal }),
  });
}

export function useUsageSeries(range: Range, unit: Unit) {
  return useQuery({
    queryKey: overviewQueryKeys.usageSeries(range, unit),
    queryFn: ({ signal }) =>
      fetchJson(`/api/usage/series?${new URLSearchParams({ range, unit })}`, usageSeriesSchema, { signal }),
    // Keep the previous view on screen while another range or unit loads, instead of a skeleton flash.
    placeholderData: keepPreviousData,
  });
}

export function useKeys(query: KeysQuery) {
  return useQuery({
    queryKey: overviewQueryKeys.keys(query),
    queryFn: ({ signal }) => fetchJson(`/api/keys?${keysSearchParams(query)}`, keysPageSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useHealth() {
  return useQuery({
    queryKey: overviewQueryKeys.health(),
    // A down service may answer 503 with a Health body; that body is the answer, not an error.
    queryFn: ({ signal }) => fetchJson('/api/health', healthSchema, { signal, acceptStatuses: [503] }),
  });
}

function keysSearchParams(query: KeysQuery): URLSearchParams {
  const params = new URLSearchParams({
    sort: query.sort,
    page: String(query.page),
    pageSize: String(query.pageSize),
  });
  if (query.q) params.set('q', query.q);
  if (query.environment) params.set('environment', query.environment);
  return params;
}
