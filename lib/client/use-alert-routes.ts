'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { CreateRouteBody } from '@/lib/client/alert-route-draft';
import { deleteJson, fetchJson, patchJson, postJson } from '@/lib/client/fetch-json';
import { alertRouteSchema, alertRoutesSchema, testResultSchema } from '@/lib/alerts/alert-route-schemas';
import type { AlertRouteView, UpdateRouteInput } from '@/lib/alerts/alert-route-schemas';

export const alertRouteQueryKeys = {
  all: () => ['alert-routes'] as const,
};

type RoutesData = z.infer<typeof alertRoutesSchema>;

const routesUrl = '/api/alert-routes';
const routeUrl = (id: string) => `${routesUrl}/${encodeURIComponent(id)}`;
const deletedSchema = z.object({ deleted: z.literal(true) });

export function useAlertRoutes() {
  return useQuery({
    queryKey: alertRouteQueryKeys.all(),
    queryFn: ({ signal }) => fetchJson(routesUrl, alertRoutesSchema, { signal }),
  });
}

const refetchRoutes = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: alertRouteQueryKeys.all() });

/** Adds a route; a 400 or 409 keeps the server's message for the form to place on its fields. */
export function useCreateAlertRoute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRouteBody) => postJson(routesUrl, alertRouteSchema, body),
    onSuccess: () => refetchRoutes(queryClient),
  });
}

/**
 * Edits, enables or disables one route. The answer is shown at once; it carries no delivery
 * counts, so those are kept from the list until the refetch behind it brings fresh ones.
 */
export function useUpdateAlertRoute(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateRouteInput) => patchJson(routeUrl(id), alertRouteSchema, body),
    onSuccess: async (updated) => {
      queryClient.setQueryData<RoutesData>(alertRouteQueryKeys.all(), (data) => data && { routes: data.routes.map((r) => (r.id === id ? withCounts(updated, r) : r)) });
      await refetchRoutes(queryClient);
    },
  });
}

const withCounts = (updated: AlertRouteView, before: AlertRouteView): AlertRouteView => ({
  ...updated,
  lastDeliveredAt: before.lastDeliveredAt,
  pending: before.pending,
  failedLastDay: before.failedLastDay,
});

export function useDeleteAlertRoute(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteJson(routeUrl(id), deletedSchema),
    onSuccess: async () => {
      queryClient.setQueryData<RoutesData>(alertRouteQueryKeys.all(), (data) => data && { routes: data.routes.filter((r) => r.id !== id) });
      await refetchRoutes(queryClient);
    },
  });
}

/** Sends a test alert now. A channel's refusal is an answer (ok: false), not an error; either way health may have changed. */
export function useTestAlertRoute(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => postJson(`${routeUrl(id)}/test`, testResultSchema),
    onSettled: () => refetchRoutes(queryClient),
  });
}
