'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { fetchJson, postJson } from '@/lib/client/fetch-json';
import { changeKeyFilters, keyFiltersSearch, keysApiSearch, parseKeyFilters } from '@/lib/client/key-filters';
import type { KeyFilters } from '@/lib/client/key-filters';
import { hygieneReportSchema, hygieneRuleSchema, keyBreakdownSchema, keyDetailSchema, keySeriesSchema } from '@/lib/keys/key-schemas';
import type { HygieneRule } from '@/lib/keys/key-schemas';
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
  hygiene: (view?: HygieneView) => (view ? (['keys', 'hygiene', view] as const) : (['keys', 'hygiene'] as const)),
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

/** The hygiene page's view: every rule's first findings, or one rule paged. */
export type HygieneView = { rule: HygieneRule | null; page: number };
export const HYGIENE_PAGE_SIZE = 50;

export function useHygiene(view: HygieneView) {
  const search = view.rule ? `?${new URLSearchParams({ rule: view.rule, page: String(view.page), pageSize: String(HYGIENE_PAGE_SIZE) })}` : '';
  return useQuery({
    queryKey: keyQueryKeys.hygiene(view),
    queryFn: ({ signal }) => fetchJson(`/api/hygiene${search}`, hygieneReportSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** `?rule=unused&page=2`: an unknown rule or page reads as the overview of every rule. */
export function useHygieneView() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const view = useMemo((): HygieneView => {
    const rule = hygieneRuleSchema.safeParse(searchParams.get('rule'));
    const page = Number(searchParams.get('page'));
    return { rule: rule.success ? rule.data : null, page: rule.success && Number.isInteger(page) && page > 1 ? page : 1 };
  }, [searchParams]);
  const setView = useCallback(
    (next: HygieneView) => {
      const search = next.rule ? new URLSearchParams({ rule: next.rule, ...(next.page > 1 ? { page: String(next.page) } : {}) }).toString() : '';
      router.push(search ? `${pathname}?${search}` : pathname, { scroll: false });
    },
    [pathname, router],
  );
  return { view, setView };
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
