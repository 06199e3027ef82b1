'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import { rangeSchema, unitSchema, usageSeriesQuerySchema } from '@/lib/usage/overview-schemas';
import type { Range, Unit } from '@/lib/usage/overview-schemas';

const DEFAULT_VIEW = usageSeriesQuerySchema.parse({});

/**
 * The chart's range and unit, kept in the URL (`?range=7d&unit=tokens`) so a link opens the
 * same view. Unknown values fall back to the API's defaults instead of failing.
 * Callers must sit inside a Suspense boundary: useSearchParams opts out of static rendering.
 */
export function useUsageView() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();

  const rangeParam = rangeSchema.safeParse(searchParams.get('range'));
  const unitParam = unitSchema.safeParse(searchParams.get('unit'));
  const range: Range = rangeParam.success ? rangeParam.data : DEFAULT_VIEW.range;
  const unit: Unit = unitParam.success ? unitParam.data : DEFAULT_VIEW.unit;

  const setParam = useCallback(
    (name: 'range' | 'unit', value: string) => {
      const next = new URLSearchParams(searchParams.toString());
      next.set(name, value);
      // replace, not push: flipping through views should not fill the back button's history.
      router.replace(`${pathname}?${next.toString()}`, { scroll: false });
    },
    [pathname, router, searchParams],
  );

  const setRange = useCallback((value: Range) => setParam('range', value), [setParam]);
  const setUnit = useCallback((value: Unit) => setParam('unit', value), [setParam]);

  return { range, unit, setRange, setUnit };
}
