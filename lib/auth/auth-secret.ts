import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '@/lib/env';
import { logger } from '@/lib/log';

// The secret better-auth signs session cookies and encrypts single sign-on tokens with.
// BURNRATE_AUTH_SECRET(_FILE), or one generated once into <BURNRATE_DATA_DIR>/auth.secret
// (mode 0600), like the master key. Changing it signs everyone out.

export const GENERATED_SECRET_FILE = 'auth.secret';
const MIN_LENGTH = 32;

export class AuthSecretError extends Error {}

type SecretEnv = Pick<Env, 'BURNRATE_DATA_DIR' | 'BURNRATE_AUTH_SECRET' | 'BURNRATE_AUTH_SECRET_FILE'>;

export function loadAuthSecret(env: SecretEnv): string {
  if (env.BURNRATE_AUTH_SECRET) return env.BURNRATE_AUTH_SECRET;
  if (env.BURNRATE_AUTH_SECRET_FILE) return checked(readSecretFile(env.BURNRATE_AUTH_SECRET_FILE, 'BURNRATE_AUTH_SECRET_FILE'), `BURNRATE_AUTH_SECRET_FILE (${env.BURNRATE_AUTH_SECRET_FILE})`);
  const file = path.resolve(env.BURNRATE_DATA_DIR, GENERATED_SECRET_FILE);
  if (exists(file)) return checked(readSecretFile(file, file), file);
  return generate(file);
}

function checked(text: string, source: string): string {
  const secret = text.trim();
  if (secret.length < MIN_LENGTH) throw new AuthSecretError(`burnrate: ${source} must hold at least ${MIN_LENGTH} characters; make one with \`openssl rand -base64 32\``);
  return secret;
}

function readSecretFile(file: string, source: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new AuthSecretError(`burnrate: cannot read ${source} (${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
}

function exists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function generate(file: string): string {
  const secret = randomBytes(32).toString('base64');
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // `wx`: if another process generated one a moment ago, use that one instead.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return checked(readSecretFile(file, file), file);
    throw error;
  }
  logger.info('auth_secret_generated', { file, advice: 'in production set BURNRATE_AUTH_SECRET or BURNRATE_AUTH_SECRET_FILE' });
  return secret;
}
