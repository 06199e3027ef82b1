'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { oneTimePasswordSchema, userViewSchema, usersSchema } from '@/lib/auth/user-schemas';
import type { CreateUserInput, UpdateUserInput } from '@/lib/auth/user-schemas';
import { fetchJson, patchJson, postJson } from './fetch-json';

export const userQueryKeys = { all: () => ['users'] as const };

const usersUrl = '/api/users';
const userUrl = (id: string) => `${usersUrl}/${encodeURIComponent(id)}`;

export function useUsers() {
  return useQuery({ queryKey: userQueryKeys.all(), queryFn: ({ signal }) => fetchJson(usersUrl, usersSchema, { signal }) });
}

/** Adds a user. The answer holds their one-time password: keep it in the mutation only, never in the query cache. */
export function useAddUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserInput) => postJson(usersUrl, oneTimePasswordSchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userQueryKeys.all() }),
  });
}

export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: UpdateUserInput) => patchJson(userUrl(id), userViewSchema, change),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userQueryKeys.all() }),
  });
}

/** A new one-time password, in the mutation's answer only. */
export function useResetPassword(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => postJson(`${userUrl(id)}/password`, oneTimePasswordSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userQueryKeys.all() }),
  });
}
