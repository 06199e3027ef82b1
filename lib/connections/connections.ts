import { Prisma, type PrismaClient } from '@/generated/prisma/client';
import type { Actor } from '@/lib/incidents/incident-actions';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/log';
import type { ConnectionAccess, Provider, ProviderId } from '@/lib/providers/provider';
import { PROVIDERS } from '@/lib/providers/registry';
import { createSecret, deleteSecret, replaceSecret } from '@/lib/secrets/secret-store';
import type { ConnectionView, CreateConnectionInput, UpdateConnectionInput } from './connection-schemas';
import { auditedConnection, connectionView, credentialRefusal, type ConnectionRow } from './connection-view';

// Provider connections from the dashboard. A new or replaced admin key is checked with the
// provider before anything is saved, then stored as an encrypted secret; every change is
// audited by the key's hint only. Deleting a connection keeps its keys and their usage
// (api_key.connection_id becomes null); disabling it is the usual way to stop collecting.

export type ConnectionDeps = { providers?: Record<ProviderId, Provider> };

const rowSelect = {
  id: true, name: true, provider: true, baseUrl: true, credentialEnv: true, secretId: true, enabled: true, demo: true,
  syncStatus: true, lastSyncAt: true, lastSuccessAt: true, lastError: true, createdAt: true,
  secret: { select: { hint: true } },
} as const satisfies Prisma.ProviderConnectionSelect;

type Row = ConnectionRow & { secret: { hint: string } | null };
const hintOf = (row: Row) => row.secret?.hint ?? null;

export async function listConnections(db: PrismaClient): Promise<ConnectionView[]> {
  const [rows, counts] = await Promise.all([
    db.providerConnection.findMany({ select: rowSelect, orderBy: [{ demo: 'asc' }, { createdAt: 'asc' }, { name: 'asc' }] }),
    db.apiKey.groupBy({ by: ['connectionId'], where: { connectionId: { not: null }, status: { not: 'deleted' } }, _count: { _all: true } }),
  ]);
  const keys = new Map(counts.map((c) => [c.connectionId, c._count._all]));
  return rows.map((r) => connectionView(r, hintOf(r), keys.get(r.id) ?? 0));
}

/** Asks the provider whether the key works (read usage and list keys); throws its refusal in its own words. */
async function checkCredential(provider: ProviderId, access: ConnectionAccess, deps: ConnectionDeps): Promise<void> {
  try {
    await (deps.providers ?? PROVIDERS)[provider].validateCredential(access);
  } catch (error) {
    const refusal = credentialRefusal(error, provider, access.adminKey);
    logger.warn('connection_credential_refused', { provider, baseUrl: access.baseUrl ?? null, reason: refusal.message });
    throw refusal;
  }
}

const taken = (name: string) => new AppError('conflict', `A connection named "${name}" exists already; pick another name`);

async function requireFreeName(db: Prisma.TransactionClient | PrismaClient, name: string) {
  if (await db.providerConnection.findUnique({ where: { name }, select: { id: true } })) throw taken(name);
}

// Two saves of the same name at once: the unique index decides, the message is the same.
function nameTaken(error: unknown, name: string): unknown {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002' ? taken(name) : error;
}

export async function createConnection(db: PrismaClient, input: CreateConnectionInput, actor: Actor, deps: ConnectionDeps = {}): Promise<ConnectionView> {
  await requireFreeName(db, input.name);
  const baseUrl = input.baseUrl ?? null;
  await checkCredential(input.provider, { adminKey: input.adminKey, baseUrl }, deps);
  const view = await db
    .$transaction(async (tx) => {
      const secret = await createSecret(tx, input.adminKey, input.provider);
      const row = await tx.providerConnection.create({ data: { name: input.name, provider: input.provider, baseUrl, secretId: secret.id }, select: rowSelect });
      await tx.auditEvent.create({
        data: { actorId: actor.id, actorEmail: actor.label, action: 'connection.create', targetType: 'provider_connection', targetId: row.id, after: auditedConnection(row, secret.hint) },
      });
      return connectionView(row, secret.hint, 0);
    })
    .catch((error: unknown) => {
      throw nameTaken(error, input.name);
    });
  logger.info('connection_created', { connectionId: view.id, provider: view.provider });
  return view;
}

export async function updateConnection(db: PrismaClient, id: string, input: UpdateConnectionInput, actor: Actor, deps: ConnectionDeps = {}): Promise<ConnectionView> {
  const before = await db.providerConnection.findUnique({ where: { id }, select: rowSelect });
  if (!before) throw new AppError('not_found', `No connection ${id}`);
  const renamed = input.name !== undefined && input.name !== before.name;
  if (renamed || input.adminKey !== undefined) refuseManaged(before);
  if (renamed) await requireFreeName(db, input.name!);
  // Checked outside the transaction: a slow provider must not hold a database connection.
  if (input.adminKey !== undefined) await checkCredential(before.provider, { adminKey: input.adminKey, baseUrl: before.baseUrl }, deps);

  const view = await db
    .$transaction(async (tx) => {
      let secretId = before.secretId;
      let hint = hintOf(before);
      if (input.adminKey !== undefined) {
        const secret = before.secretId ? await replaceSecret(tx, before.secretId, input.adminKey, before.provider) : await createSecret(tx, input.adminKey, before.provider);
        secretId = secret.id;
        hint = secret.hint;
      }
      const row = await tx.providerConnection.update({
        where: { id },
        data: { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.enabled !== undefined ? { enabled: input.enabled } : {}), secretId },
        select: rowSelect,
      });
      await tx.auditEvent.create({
        data: {
          actorId: actor.id, actorEmail: actor.label, action: 'connection.update', targetType: 'provider_connection', targetId: id,
          before: auditedConnection(before, hintOf(before)),
          after: { ...auditedConnection(row, hint), ...(input.adminKey !== undefined ? { adminKeyReplaced: true } : {}) },
        },
      });
      const keyCount = await tx.apiKey.count({ where: { connectionId: id, status: { not: 'deleted' } } });
      return connectionView(row, hint, keyCount);
    })
    .catch((error: unknown) => {
      throw nameTaken(error, input.name ?? before.name);
    });
  logger.info('connection_updated', { connectionId: id, renamed, enabled: view.enabled, keyReplaced: input.adminKey !== undefined });
  return view;
}

// `burnrate start` finds demo and environment connections again by name and sets their key
// from the environment, so a new name or a stored key would not survive a restart.
function refuseManaged(row: Row) {
  if (row.demo) throw new AppError('conflict', `"${row.name}" belongs to the demo, which recreates it at each start; add a connection of your own instead`);
  if (row.credentialEnv && !row.secretId) {
    throw new AppError('conflict', `The admin key of "${row.name}" comes from the environment variable ${row.credentialEnv}; change the variable and restart Burnrate, or add a connection here instead`);
  }
}

export async function deleteConnection(db: PrismaClient, id: string, actor: Actor): Promise<{ keysKept: number }> {
  const result = await db.$transaction(async (tx) => {
    const before = await tx.providerConnection.findUnique({ where: { id }, select: rowSelect });
    if (!before) throw new AppError('not_found', `No connection ${id}`);
    const keysKept = await tx.apiKey.count({ where: { connectionId: id } });
    await tx.providerConnection.delete({ where: { id } });
    if (before.secretId) await deleteSecret(tx, before.secretId);
    await tx.auditEvent.create({
      data: { actorId: actor.id, actorEmail: actor.label, action: 'connection.delete', targetType: 'provider_connection', targetId: id, before: { ...auditedConnection(before, hintOf(before)), keysKept } },
    });
    return { keysKept };
  });
  logger.info('connection_deleted', { connectionId: id, keysKept: result.keysKept });
  return result;
}
