'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { connectionSchema, connectionsSchema } from '@/lib/connections/connection-schemas';
import type { UpdateConnectionInput } from '@/lib/connections/connection-schemas';
import type { createConnectionBody } from './connection-draft';
import { deleteJson, fetchJson, patchJson, postJson } from './fetch-json';

export const connectionQueryKeys = { all: () => ['connections'] as const };

const connectionsUrl = '/api/connections';
const connectionUrl = (id: string) => `${connectionsUrl}/${encodeURIComponent(id)}`;
const deletedSchema = z.object({ deleted: z.literal(true), keysKept: z.number().int() });

const refetch = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: connectionQueryKeys.all() });

/** The list, refreshed every 30 s: a sync status changes each minute on its own. */
export function useConnections() {
  return useQuery({
    queryKey: connectionQueryKeys.all(),
    queryFn: ({ signal }) => fetchJson(connectionsUrl, connectionsSchema, { signal }),
    refetchInterval: 30_000,
  });
}

/** Adds a connection; the server checks the key with the provider first, so this can take a few seconds. */
export function useCreateConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReturnType<typeof createConnectionBody>) => postJson(connectionsUrl, connectionSchema, body),
    onSuccess: () => refetch(queryClient),
  });
}

export function useUpdateConnection(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateConnectionInput) => patchJson(connectionUrl(id), connectionSchema, body),
    onSuccess: () => refetch(queryClient),
  });
}

export function useDeleteConnection(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteJson(connectionUrl(id), deletedSchema),
    onSuccess: () => refetch(queryClient),
  });
}
