'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { fetchJson, postJson } from '@/lib/client/fetch-json';
import { changeKeyFilters, keyFiltersSearch, keysApiSearch, parseKeyFilters } from '@/lib/client/key-filters';
import type { KeyFilters } from '@/lib/client/key-filters';
import { hygieneReportSchema, keyBreakdownSchema, keyDetailSchema, keySeriesSchema } from '@/lib/keys/key-schemas';
import { keysPageSchema } from '@/lib/usage/overview-schemas';
import type { Range, Unit } from '@/lib/usage/overview-schemas';

/** Whose usage a chart shows: one key, or every key of an environment. */
export type UsageOf = { key: string } | { environment: string };

/** Every key query starts with 'keys', so one invalidation refreshes lists, details and charts. */
export const keyQueryKeys = {
  all: () => ['keys'] as const,
  list: (query: KeyFilters & { pageSize: number }) => ['keys', 'list', query] as const,
  detail: (id: string) => ['keys', 'detail', id] as const,
  series: (of: UsageOf, range: Range, unit: Unit) => ['keys', 'series', of, { range, unit }] as const,
  breakdown: (of: UsageOf, range: Range) => ['keys', 'breakdown', of, { range }] as const,
  hygiene: () => ['keys', 'hygiene'] as const,
};

const usageUrl = (of: UsageOf) => ('key' in of ? `/api/keys/${encodeURIComponent(of.key)}` : `/api/environments/${encodeURIComponent(of.environment)}`);

export function useKeyList(query: KeyFilters & { pageSize: number }) {
  return useQuery({
    queryKey: keyQueryKeys.list(query),
    queryFn: ({ signal }) => fetchJson(`/api/keys?${keysApiSearch(query)}`, keysPageSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useKeyDetail(id: string) {
  return useQuery({
    queryKey: keyQueryKeys.detail(id),
    queryFn: ({ signal }) => fetchJson(usageUrl({ key: id }), keyDetailSchema, { signal }),
  });
}

export function useUsageOf(of: UsageOf, range: Range, unit: Unit) {
  return useQuery({
    queryKey: keyQueryKeys.series(of, range, unit),
    queryFn: ({ signal }) => fetchJson(`${usageUrl(of)}/series?${new URLSearchParams({ range, unit })}`, keySeriesSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useBreakdownOf(of: UsageOf, range: Range) {
  return useQuery({
    queryKey: keyQueryKeys.breakdown(of, range),
    queryFn: ({ signal }) => fetchJson(`${usageUrl(of)}/breakdown?${new URLSearchParams({ range })}`, keyBreakdownSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useHygiene() {
  return useQuery({
    queryKey: keyQueryKeys.hygiene(),
    queryFn: ({ signal }) => fetchJson('/api/hygiene', hygieneReportSchema, { signal }),
  });
}

/** Disables the key at its provider; the answer is the updated key, shown at once. */
export function useDisableKey(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (confirmName: string) => postJson(`${usageUrl({ key: id })}/disable`, keyDetailSchema, { confirmName }),
    onSuccess: async (key) => {
      queryClient.setQueryData(keyQueryKeys.detail(id), key);
      await queryClient.invalidateQueries({ queryKey: keyQueryKeys.all() });
    },
  });
}

/**
 * The keys list's filters, read from and written to the URL. Callers must sit inside a
 * Suspense boundary: useSearchParams opts out of static rendering.
 */
export function useKeyFilters() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => parseKeyFilters(searchParams), [searchParams]);

  const setFilters = useCallback(
    (change: Partial<KeyFilters>, options: { replace?: boolean } = {}) => {
      const search = keyFiltersSearch(changeKeyFilters(filters, change));
      const url = search ? `${pathname}?${search}` : pathname;
      // Typing in the search box replaces the entry; other changes are views the back button returns to.
      if (options.replace) router.replace(url, { scroll: false });
      else router.push(url, { scroll: false });
    },
    [filters, pathname, router],
  );

  return { filters, setFilters };
}
