import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '@/lib/env';
import { logger } from '@/lib/log';

// The master keys that wrap every secret's data key. The current one wraps new data keys;
// previous ones only unwrap, until `npx burnrate secrets rotate-master` has moved every row
// to the current one. Key bytes live in KeyObjects, which never print their contents.

export type MasterKey = { readonly id: string; readonly key: KeyObject };
export type Keyring = { readonly current: MasterKey; readonly previous: readonly MasterKey[] };

export const MASTER_KEY_BYTES = 32;
export const GENERATED_KEY_FILE = 'master.key';
const MAKE_ONE = 'make one with `openssl rand -base64 32`';
const HEX = /^[0-9a-fA-F]{64}$/;
// 32 bytes are 43 base64 characters plus one `=` of padding; standard or URL-safe alphabet.
const BASE64 = /^(?:[A-Za-z0-9+/]{43}|[A-Za-z0-9_-]{43})=?$/;
const ID_LABEL = 'burnrate/master-key-id/v1\0';

export class MasterKeyError extends Error {}

export const MASTER_KEY_ADVICE = `must be 32 random bytes in base64 or hex; ${MAKE_ONE}`;

// A master key as an operator writes it: 32 bytes in base64 or hex; surrounding whitespace
// (a file's trailing newline) is ignored. Messages never repeat the text.
export function parseMasterKey(text: string, source = 'BURNRATE_MASTER_KEY'): Buffer {
  const trimmed = text.trim();
  if (HEX.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (BASE64.test(trimmed)) return Buffer.from(trimmed, /[-_]/.test(trimmed) ? 'base64url' : 'base64');
  const what = trimmed === '' ? 'is empty' : `is not 32 bytes in base64 or hex (${trimmed.length} characters)`;
  throw new MasterKeyError(`burnrate: ${source} ${what}; ${MAKE_ONE}`);
}

// `BURNRATE_MASTER_KEY_PREVIOUS`: keys separated by commas (or lines, in a file).
export function parseMasterKeyList(text: string, source = 'BURNRATE_MASTER_KEY_PREVIOUS'): Buffer[] {
  const parts = splitKeyList(text);
  return parts.map((part, i) => parseMasterKey(part, parts.length > 1 ? `${source} (key ${i + 1})` : source));
}

// For lib/env.ts, which checks the variables' shape when the process starts.
export const isMasterKeyText = (text: string): boolean => HEX.test(text.trim()) || BASE64.test(text.trim());
export const isMasterKeyListText = (text: string): boolean => splitKeyList(text).every(isMasterKeyText);

const splitKeyList = (text: string) => text.split(/[,\n]/).map((p) => p.trim()).filter((p) => p !== '');

// A short fingerprint that rows store to say which master wrapped them. Domain-separated,
// so it matches no other hash of the key.
export function masterKeyId(key: Buffer): string {
  return createHash('sha256').update(ID_LABEL).update(key).digest('hex').slice(0, 16);
}

export function toMasterKey(key: Buffer): MasterKey {
  if (key.length !== MASTER_KEY_BYTES) throw new MasterKeyError(`burnrate: a master key must be ${MASTER_KEY_BYTES} bytes; ${MAKE_ONE}`);
  return { id: masterKeyId(key), key: createSecretKey(key) };
}

export function buildKeyring(current: Buffer, previous: readonly Buffer[] = []): Keyring {
  const head = toMasterKey(current);
  const seen = new Set([head.id]);
  const rest: MasterKey[] = [];
  for (const bytes of previous) {
    const key = toMasterKey(bytes);
    if (!seen.has(key.id)) rest.push(key);
    seen.add(key.id);
  }
  return { current: head, previous: rest };
}

export function findMasterKey(keyring: Keyring, id: string): MasterKey | undefined {
  return keyring.current.id === id ? keyring.current : keyring.previous.find((k) => k.id === id);
}

export function keyringIds(keyring: Keyring): string[] {
  return [keyring.current.id, ...keyring.previous.map((k) => k.id)];
}

type MasterKeyEnv = Pick<
  Env,
  'BURNRATE_DATA_DIR' | 'BURNRATE_MASTER_KEY' | 'BURNRATE_MASTER_KEY_FILE' | 'BURNRATE_MASTER_KEY_PREVIOUS' | 'BURNRATE_MASTER_KEY_PREVIOUS_FILE'
>;

// The keyring from the environment. With no master key configured, the key in
// `<BURNRATE_DATA_DIR>/master.key` is used, generated on first use unless `generate` is
// false. Once an operator provides a key, a generated one left on disk stays in the ring as
// a previous key, so `secrets rotate-master` can move the first run's secrets off it.
export function loadKeyring(env: MasterKeyEnv, options: { generate?: boolean } = {}): Keyring {
  const generatedFile = path.resolve(env.BURNRATE_DATA_DIR, GENERATED_KEY_FILE);
  const configured = readConfigured(env.BURNRATE_MASTER_KEY, env.BURNRATE_MASTER_KEY_FILE, 'BURNRATE_MASTER_KEY');
  const previous = [
    ...(env.BURNRATE_MASTER_KEY_PREVIOUS ? parseMasterKeyList(env.BURNRATE_MASTER_KEY_PREVIOUS) : []),
    ...(env.BURNRATE_MASTER_KEY_PREVIOUS_FILE
      ? parseMasterKeyList(readKeyFile(env.BURNRATE_MASTER_KEY_PREVIOUS_FILE, 'BURNRATE_MASTER_KEY_PREVIOUS_FILE'), 'BURNRATE_MASTER_KEY_PREVIOUS_FILE')
      : []),
  ];
  if (configured) {
    const generated = fileExists(generatedFile) ? [parseMasterKey(readKeyFile(generatedFile, generatedFile), generatedFile)] : [];
    return buildKeyring(configured, [...previous, ...generated]);
  }
  if (fileExists(generatedFile)) {
    warnIfShared(generatedFile);
    return buildKeyring(parseMasterKey(readKeyFile(generatedFile, generatedFile), generatedFile), previous);
  }
  if (options.generate === false) {
    throw new MasterKeyError(`burnrate: no master key; set BURNRATE_MASTER_KEY or BURNRATE_MASTER_KEY_FILE (${MAKE_ONE})`);
  }
  return buildKeyring(generateKeyFile(generatedFile), previous);
}

let cached: Keyring | undefined;
// The server process's keyring, loaded (and if need be generated) on first use.
export function processKeyring(env: MasterKeyEnv): Keyring {
  cached ??= loadKeyring(env);
  return cached;
}

function readConfigured(value: string | undefined, file: string | undefined, name: string): Buffer | undefined {
  if (value && file) throw new MasterKeyError(`burnrate: set ${name} or ${name}_FILE, not both`);
  if (value) return parseMasterKey(value, name);
  if (file) return parseMasterKey(readKeyFile(file, `${name}_FILE`), `${name}_FILE (${file})`);
  return undefined;
}

function readKeyFile(file: string, source: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new MasterKeyError(`burnrate: cannot read ${source} (${file}: ${code})`);
  }
}

function fileExists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function generateKeyFile(file: string): Buffer {
  const key = randomBytes(MASTER_KEY_BYTES);
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // `wx`: if another process generated one a moment ago, use that one instead.
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return parseMasterKey(readKeyFile(file, file), file);
    throw error;
  }
  logger.warn('master_key_generated', {
    file,
    masterKeyId: masterKeyId(key),
    advice: 'secrets are encrypted with a key stored next to the database; in production set BURNRATE_MASTER_KEY or BURNRATE_MASTER_KEY_FILE',
  });
  return key;
}

function warnIfShared(file: string) {
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    logger.warn('master_key_file_readable_by_others', { file, advice: `chmod 600 ${file}` });
  }
}
