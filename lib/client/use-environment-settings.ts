'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { environmentSettingsSchema, environmentsSettingsSchema, rotationPolicySchema } from '@/lib/environments/environment-schemas';
import type { UpdateEnvironmentSettingsInput } from '@/lib/environments/environment-schemas';
import { fetchJson, patchJson } from './fetch-json';

export const environmentSettingsQueryKeys = { all: () => ['environment-settings'] as const, rotation: () => ['rotation-policy'] as const };

const settingsUrl = '/api/environments/settings';
const rotationUrl = '/api/settings/rotation';

export function useEnvironmentSettings() {
  return useQuery({ queryKey: environmentSettingsQueryKeys.all(), queryFn: ({ signal }) => fetchJson(settingsUrl, environmentsSettingsSchema, { signal }) });
}

export function useUpdateEnvironmentSettings(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateEnvironmentSettingsInput) => patchJson(`/api/environments/${encodeURIComponent(name)}/settings`, environmentSettingsSchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: environmentSettingsQueryKeys.all() }),
  });
}

export function useRotationPolicy() {
  return useQuery({ queryKey: environmentSettingsQueryKeys.rotation(), queryFn: ({ signal }) => fetchJson(rotationUrl, rotationPolicySchema, { signal }) });
}

export function useSetRotationPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rotationDays: number) =>
      fetchJson(rotationUrl, rotationPolicySchema, { method: 'PUT', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify({ rotationDays }) }),
    onSuccess: (policy) => queryClient.setQueryData(environmentSettingsQueryKeys.rotation(), policy),
  });
}
