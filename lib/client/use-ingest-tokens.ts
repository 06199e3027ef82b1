'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createdIngestTokenSchema, ingestTokenSchema, ingestTokensSchema } from '@/lib/ingest/ingest-token-schemas';
import type { createTokenBody } from './ingest-token-draft';
import { deleteJson, fetchJson, postJson } from './fetch-json';

export const ingestTokenQueryKeys = { all: () => ['ingest-tokens'] as const };

const tokensUrl = '/api/ingest-tokens';

export function useIngestTokens() {
  return useQuery({ queryKey: ingestTokenQueryKeys.all(), queryFn: ({ signal }) => fetchJson(tokensUrl, ingestTokensSchema, { signal }) });
}

/** Creates a token. The answer holds the token itself: keep it in the mutation only, never in the query cache. */
export function useCreateIngestToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReturnType<typeof createTokenBody>) => postJson(tokensUrl, createdIngestTokenSchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ingestTokenQueryKeys.all() }),
  });
}

export function useRevokeIngestToken(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteJson(`${tokensUrl}/${encodeURIComponent(id)}`, ingestTokenSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ingestTokenQueryKeys.all() }),
  });
}
