'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import type { BudgetBody } from '@/lib/client/budget-draft';
import { exportMonth, monthOf } from '@/lib/client/budget-month';
import { deleteJson, fetchJson } from '@/lib/client/fetch-json';
import { budgetListSchema, deletedSchema, savedBudgetSchema } from '@/lib/budgets/budget-schemas';
import type { BudgetList } from '@/lib/budgets/budget-schemas';
import { keysPageSchema } from '@/lib/usage/overview-schemas';

export const budgetQueryKeys = {
  all: () => ['budgets'] as const,
  lists: () => ['budgets', 'list'] as const,
  list: (view: BudgetListView) => ['budgets', 'list', view] as const,
  keyChoices: (q: string) => ['budgets', 'key-choices', { q }] as const,
  environments: () => ['budgets', 'environments'] as const,
};

const budgetsUrl = '/api/budgets';
// The key picker shows the first matches by name; typing narrows them.
const KEY_CHOICES = 20;
// Environments come from the keys in them: no route lists environments on their own.
const ENVIRONMENT_SCAN = 200;

/** Which page of budgets, and the search that narrows them: both in the URL. */
export type BudgetListView = { q: string; page: number };
export const BUDGET_PAGE_SIZE = 25;

export function useBudgets(view: BudgetListView) {
  const search = new URLSearchParams({ page: String(view.page), pageSize: String(BUDGET_PAGE_SIZE) });
  if (view.q) search.set('q', view.q);
  return useQuery({
    queryKey: budgetQueryKeys.list(view),
    queryFn: ({ signal }) => fetchJson(`${budgetsUrl}?${search}`, budgetListSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** `?q=support&page=2`; a change of search goes back to the first page. Inside a Suspense boundary. */
export function useBudgetListView() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const q = searchParams.get('q') ?? '';
  const pageParam = Number(searchParams.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 1 ? pageParam : 1;
  const view = useMemo(() => ({ q, page }), [q, page]);
  const setView = useCallback(
    (next: Partial<BudgetListView>) => {
      const search = new URLSearchParams(searchParams.toString());
      const merged = { ...view, ...next, ...(next.q !== undefined && next.q !== view.q ? { page: 1 } : {}) };
      if (merged.q) search.set('q', merged.q);
      else search.delete('q');
      if (merged.page > 1) search.set('page', String(merged.page));
      else search.delete('page');
      const query = search.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [pathname, router, searchParams, view],
  );
  return { view, setView };
}

// A budget's key row on /keys shows its budget too: refresh both.
const refetchBudgets = (queryClient: QueryClient) =>
  Promise.all([queryClient.invalidateQueries({ queryKey: budgetQueryKeys.lists() }), queryClient.invalidateQueries({ queryKey: ['keys'] })]);

/** Creates the subject's budget or replaces its settings; a 400 or 404 keeps the server's message for the form's fields. */
export function usePutBudget() {
  const queryClient = useQueryClient();
  return useMutation({
    // fetch-json has no PUT helper; the same parsing and error mapping through fetchJson.
    mutationFn: (body: BudgetBody) =>
      fetchJson(budgetsUrl, savedBudgetSchema, { method: 'PUT', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    onSuccess: async (saved) => {
      // The saved budget at once on the pages showing it; totals and new budgets with the refetch.
      queryClient.setQueriesData<BudgetList>({ queryKey: budgetQueryKeys.lists() }, (data) => data && { ...data, budgets: data.budgets.map((b) => (b.id === saved.id ? saved : b)) });
      await refetchBudgets(queryClient);
    },
  });
}

export function useDeleteBudget(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteJson(`${budgetsUrl}/${encodeURIComponent(id)}`, deletedSchema),
    onSuccess: async () => {
      queryClient.setQueriesData<BudgetList>({ queryKey: budgetQueryKeys.lists() }, (data) => data && { ...data, budgets: data.budgets.filter((b) => b.id !== id) });
      await refetchBudgets(queryClient);
    },
  });
}

/** Keys whose name matches `q`, for the form's picker; only asked while the form is open. */
export function useKeyChoices(q: string, enabled: boolean) {
  return useQuery({
    queryKey: budgetQueryKeys.keyChoices(q),
    queryFn: ({ signal }) => {
      const search = new URLSearchParams({ sort: 'name', pageSize: String(KEY_CHOICES) });
      if (q) search.set('q', q);
      return fetchJson(`/api/keys?${search}`, keysPageSchema, { signal });
    },
    select: (page) => page.rows.map((r) => ({ id: r.id, name: r.name, environment: r.environment, provider: r.provider })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEnvironmentChoices(enabled: boolean) {
  return useQuery({
    queryKey: budgetQueryKeys.environments(),
    queryFn: ({ signal }) => fetchJson(`/api/keys?${new URLSearchParams({ sort: 'environment', pageSize: String(ENVIRONMENT_SCAN) })}`, keysPageSchema, { signal }),
    select: (page) => [...new Set(page.rows.map((r) => r.environment))].sort((a, b) => a.localeCompare(b)),
    enabled,
  });
}

/**
 * The export's month, read from and written to the URL. Callers must sit inside a Suspense
 * boundary: useSearchParams opts out of static rendering.
 */
export function useExportMonth() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  // The clock is read once per visit: a page left open across midnight keeps its month.
  const [now] = useState(() => Date.now());
  const param = searchParams.get('month');
  const month = useMemo(() => exportMonth(param, now), [param, now]);

  const setMonth = useCallback(
    (next: string) => {
      const search = new URLSearchParams(searchParams.toString());
      // Cleared, the picker falls back to the current month.
      if (next === '') search.delete('month');
      else search.set('month', next);
      const query = search.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [pathname, router, searchParams],
  );

  return { month, maxMonth: monthOf(now), setMonth };
}
