import type { PrismaClient } from '@/generated/prisma/client';
import { connectionAccess, CredentialMissingError } from '@/lib/collect/connection-access';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/incidents/incident-actions';
import { logger } from '@/lib/log';
import { scrub } from '@/lib/providers/http-errors';
import { ProviderError, type Provider, type ProviderId } from '@/lib/providers/provider';
import { PROVIDERS } from '@/lib/providers/registry';
import { disableBlockedReason } from './key-queries';

// Disabling a key at its provider (OpenAI deletes the project key, Anthropic sets it
// inactive), from the dashboard. The provider is asked first; only when it agrees is the
// key marked disabled, audited and noted on its open incidents, in one transaction. A
// refusal changes nothing and shows the provider's own message, never the credential.

export type DisableKeyOptions = {
  confirmName: string;
  actor: Actor;
  now: number;
  env: Record<string, string | undefined>;
  providers?: Record<ProviderId, Provider>;
};

const PROVIDER_LABELS: Record<ProviderId, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

export async function disableKey(db: PrismaClient, keyId: string, options: DisableKeyOptions): Promise<void> {
  const key = await db.apiKey.findUnique({
    where: { id: keyId },
    select: {
      id: true, name: true, provider: true, providerKeyId: true, projectId: true, status: true,
      connection: { select: { name: true, baseUrl: true, credentialEnv: true, secretId: true } },
    },
  });
  if (!key) throw new AppError('not_found', `No key ${keyId}`);
  const blocked = disableBlockedReason(key.status, key.connection !== null);
  if (blocked || !key.connection) throw new AppError('conflict', `Cannot disable “${key.name}”: ${blocked}`);
  if (options.confirmName !== key.name) throw new AppError('bad_request', "type the key's name to confirm");

  const label = PROVIDER_LABELS[key.provider];
  let secret = '';
  try {
    const access = await connectionAccess(db, key.connection, options.env);
    secret = access.adminKey;
    await (options.providers ?? PROVIDERS)[key.provider].disableKey(access, { providerKeyId: key.providerKeyId, projectId: key.projectId });
  } catch (error) {
    if (error instanceof CredentialMissingError) throw new AppError('unavailable', `Cannot reach ${label}: ${error.message}`);
    const message = error instanceof ProviderError ? error.message : `Could not reach ${label}`;
    logger.warn('key_disable_refused', { keyId, provider: key.provider, error: scrub(error instanceof Error ? error.message : String(error), secret) });
    throw new AppError('provider_error', `${label} refused to disable the key: ${scrub(message, secret)}`);
  }

  const at = new Date(options.now);
  await db.$transaction(async (tx) => {
    // Guarded by status: a second click after the first succeeded changes nothing more.
    const { count } = await tx.apiKey.updateMany({
      where: { id: keyId, status: key.status },
      data: { status: 'disabled', disabledAt: at, disabledBy: options.actor.label },
    });
    if (count === 0) return;
    await tx.auditEvent.create({
      data: {
        at, actorId: options.actor.id, actorEmail: options.actor.label, action: 'key.disable', targetType: 'api_key', targetId: keyId,
        before: { status: key.status }, after: { status: 'disabled', provider: key.provider, providerKeyId: key.providerKeyId },
      },
    });
    const open = await tx.incident.findMany({ where: { keyId, status: { in: ['open', 'acknowledged'] } }, select: { id: true } });
    await tx.incidentEvent.createMany({
      data: open.map((i) => ({ incidentId: i.id, at, type: 'key_disabled', actor: options.actor.label, data: { provider: key.provider } })),
    });
  });
  logger.info('key_disabled', { keyId, provider: key.provider, actor: options.actor.label });
}
