import type { Prisma, ProviderConnection } from '@/generated/prisma/client';
import { AppError } from '@/lib/errors';
import { scrub } from '@/lib/providers/http-errors';
import { ProviderError, type ProviderId } from '@/lib/providers/provider';
import type { ConnectionView, CredentialView } from './connection-schemas';

// Pure: a connection row as the API shows it and the audit log keeps it, and a provider's
// refusal of an admin key as the error the form shows. No key ever passes through here.

export const PROVIDER_LABELS: Record<ProviderId, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

export type ConnectionRow = Pick<
  ProviderConnection,
  'id' | 'name' | 'provider' | 'baseUrl' | 'credentialEnv' | 'secretId' | 'enabled' | 'demo' | 'syncStatus' | 'lastSyncAt' | 'lastSuccessAt' | 'lastError' | 'createdAt'
>;

/** Where the key is kept, said without the key: the stored secret's hint wins, as in connectionAccess. */
export function credentialOf(row: Pick<ConnectionRow, 'secretId' | 'credentialEnv'>, hint: string | null): CredentialView {
  if (row.secretId) return { source: 'secret', hint: hint ?? '' };
  if (row.credentialEnv) return { source: 'environment', variable: row.credentialEnv };
  return { source: 'none' };
}

export function connectionView(row: ConnectionRow, hint: string | null, keyCount: number): ConnectionView {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    baseUrl: row.baseUrl,
    credential: credentialOf(row, hint),
    enabled: row.enabled,
    demo: row.demo,
    // A paused connection is not failing: it says so rather than showing its last error as current.
    syncStatus: row.enabled ? row.syncStatus : 'disabled',
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    lastError: row.lastError,
    keyCount,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What the audit log keeps of a connection: its settings and where the key is kept, never the key. */
export function auditedConnection(row: ConnectionRow, hint: string | null): Prisma.InputJsonObject {
  return { name: row.name, provider: row.provider, baseUrl: row.baseUrl, enabled: row.enabled, demo: row.demo, credential: credentialOf(row, hint) };
}

/**
 * A failed credential check as the form shows it: the provider's own words, with the key cut
 * out should the provider echo it. A key the provider refuses is 422 (fix the key); a
 * provider that cannot be reached is 502 (fix the base URL, or try again).
 */
export function credentialRefusal(error: unknown, provider: ProviderId, adminKey: string): AppError {
  const label = PROVIDER_LABELS[provider];
  if (error instanceof ProviderError) {
    const said = scrub(error.message, adminKey);
    const status = error.status ? ` (HTTP ${error.status})` : '';
    if (error.retryable) return new AppError('provider_error', `Could not check the admin key with ${label}${status}: ${said}`);
    return new AppError('unprocessable', `${label} refused the admin key${status}: ${said}`);
  }
  const said = scrub(error instanceof Error ? error.message : String(error), adminKey);
  return new AppError('provider_error', `Could not check the admin key with ${label}: ${said}`);
}
