import { randomInt } from 'node:crypto';
import { argon2id, hash, verify } from 'argon2';

// Password hashing for better-auth (its `emailAndPassword.password` option) and the CLI:
// argon2id with the argon2 package's defaults (64 MiB, 3 passes, 4 lanes; above OWASP's
// minimum). The salt and parameters travel inside the `$argon2id$...` string.

export function hashPassword(password: string): Promise<string> {
  return hash(password, { type: argon2id });
}

export async function verifyPassword({ hash: stored, password }: { hash: string; password: string }): Promise<boolean> {
  // A hash in another format (or a damaged one) is a failed sign-in, not a server error.
  if (!stored.startsWith('$argon2')) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// No look-alike characters (0/O, 1/l/I): people type these from a terminal.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password: 20 characters, about 116 bits, grouped in fours to type it. */
export function generatePassword(): string {
  const chars = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8, 12, 16].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
