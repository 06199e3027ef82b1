import { readFileSync } from 'node:fs';
import type { ConnectionAccess } from '@/lib/providers/provider';

// Where a connection's admin key comes from. Today: an environment variable, or a file named
// by `<VAR>_FILE` (how secret managers and container orchestrators deliver secrets).

export class CredentialMissingError extends Error {}

export function resolveAccess(
  connection: { name: string; baseUrl: string | null; credentialEnv: string | null },
  env: Record<string, string | undefined> = process.env,
): ConnectionAccess {
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
