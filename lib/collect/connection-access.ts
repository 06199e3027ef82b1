import { readFileSync } from 'node:fs';
import type { ProviderConnection } from '@/generated/prisma/client';
import type { ConnectionAccess } from '@/lib/providers/provider';
import { readSecret, type SecretDb } from '@/lib/secrets/secret-store';

// Where a connection's admin key comes from: the encrypted secret stored with it (a
// connection added in the dashboard), or an environment variable, or a file named by
// `<VAR>_FILE` (how secret managers and container orchestrators deliver secrets).

export class CredentialMissingError extends Error {}

type AccessFields = Pick<ProviderConnection, 'name' | 'baseUrl' | 'credentialEnv'>;

/** The admin key from the environment only; for callers that hold no database handle. */
export function resolveAccess(connection: AccessFields, env: Record<string, string | undefined> = process.env): ConnectionAccess {
  const variable = connection.credentialEnv;
  if (!variable) throw new CredentialMissingError(`connection "${connection.name}" has no credential configured`);
  let adminKey = env[variable];
  const file = env[`${variable}_FILE`];
  if (!adminKey && file) {
    try {
      adminKey = readFileSync(file, 'utf8').trim();
    } catch {
      throw new CredentialMissingError(`connection "${connection.name}": cannot read ${variable}_FILE (${file})`);
    }
  }
  if (!adminKey) throw new CredentialMissingError(`connection "${connection.name}": set ${variable} or ${variable}_FILE to the provider admin key`);
  return { adminKey, baseUrl: connection.baseUrl };
}

/**
 * The admin key wherever it is kept: the stored secret when the connection has one (it was
 * entered in the dashboard, which is the later and more deliberate choice), else the environment.
 */
export async function connectionAccess(
  db: SecretDb,
  connection: AccessFields & Pick<ProviderConnection, 'secretId'>,
  env: Record<string, string | undefined> = process.env,
): Promise<ConnectionAccess> {
  if (connection.secretId) return { adminKey: await readSecret(db, connection.secretId), baseUrl: connection.baseUrl };
  return resolveAccess(connection, env);
}
