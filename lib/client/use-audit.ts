'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { auditPageSchema } from '@/lib/audit/audit-log';
import { auditApiSearch, auditFiltersSearch, changeAuditFilters, parseAuditFilters, type AuditFilters } from './audit-filters';
import { fetchJson } from './fetch-json';

export function useAuditLog(filters: AuditFilters, pageSize: number) {
  return useQuery({
    queryKey: ['audit', filters, pageSize] as const,
    queryFn: ({ signal }) => fetchJson(`/api/audit?${auditApiSearch(filters, pageSize)}`, auditPageSchema, { signal }),
    // Keep the previous page on screen while another filter or page loads.
    placeholderData: keepPreviousData,
  });
}

/** The page's filters, read from and written to the URL; callers sit inside a Suspense boundary. */
export function useAuditFilters() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => parseAuditFilters(searchParams), [searchParams]);
  const setFilters = useCallback(
    (change: Partial<AuditFilters>) => {
      const search = auditFiltersSearch(changeAuditFilters(filters, change));
      router.push(search ? `${pathname}?${search}` : pathname, { scroll: false });
    },
    [filters, pathname, router],
  );
  return { filters, setFilters };
}
