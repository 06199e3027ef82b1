import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '@/generated/prisma/client';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { open, seal } from './envelope';
import { processKeyring, type Keyring } from './master-key';
import { redactSecret, type SecretKind } from './redact';

// Secrets at rest: provider admin keys, Slack webhook URLs, PagerDuty routing keys. Only
// ciphertext and a redacted hint are stored. `readSecret` is for server code that calls the
// provider or channel; nothing it returns may reach a response, a log or an error.

export type SecretDb = PrismaClient | Prisma.TransactionClient;
export type SecretRef = { id: string; hint: string };

// Binds a row's ciphertext and wrapped key to its id (envelope.ts).
export const secretAad = (id: string): string => `secret:${id}`;

const defaultKeyring = (): Keyring => processKeyring(env());

export async function createSecret(db: SecretDb, value: string, kind: SecretKind, keyring: Keyring = defaultKeyring()): Promise<SecretRef> {
  requireValue(value);
  // The id is chosen here, not by the database, so the ciphertext can be bound to it.
  const id = randomUUID();
  const hint = redactSecret(value, kind);
  await db.secret.create({ data: { id, hint, ...seal(value, keyring, secretAad(id)) }, select: { id: true } });
  return { id, hint };
}

export async function readSecret(db: SecretDb, id: string, keyring: Keyring = defaultKeyring()): Promise<string> {
  const row = await db.secret.findUnique({
    where: { id },
    select: { ciphertext: true, iv: true, authTag: true, wrappedKey: true, masterKeyId: true },
  });
  if (!row) throw new AppError('not_found', `secret ${id} does not exist`);
  return open(row, keyring, secretAad(id));
}

// A new value under a fresh data key and the current master key; the id stays, so the
// connections and routes that use it keep working.
export async function replaceSecret(db: SecretDb, id: string, value: string, kind: SecretKind, keyring: Keyring = defaultKeyring()): Promise<SecretRef> {
  requireValue(value);
  const hint = redactSecret(value, kind);
  const { count } = await db.secret.updateMany({ where: { id }, data: { hint, ...seal(value, keyring, secretAad(id)) } });
  if (count === 0) throw new AppError('not_found', `secret ${id} does not exist`);
  return { id, hint };
}

// Connections lose their reference (their own rows say so); an alert route keeps its secret
// alive until the route is changed or deleted. Deleting a missing secret is not an error.
export async function deleteSecret(db: SecretDb, id: string): Promise<void> {
  try {
    await db.secret.deleteMany({ where: { id } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') {
      throw new AppError('conflict', `secret ${id} is used by an alert route; delete the route or give it another target first`);
    }
    throw error;
  }
}

function requireValue(value: string) {
  if (value.trim() === '') throw new AppError('bad_request', 'a secret cannot be empty');
}
