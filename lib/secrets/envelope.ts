import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';
import { AppError } from '@/lib/errors';
import { findMasterKey, keyringIds, type Keyring } from './master-key';

// Envelope encryption, pure: no database, env or clock. Each secret gets a fresh 256-bit data
// key that seals the value with AES-256-GCM; the data key is itself sealed (wrapped) with
// AES-256-GCM under the current master key. Rotating the master key re-wraps only the data
// key, so values are never decrypted to rotate.
//
// `aad` names what the secret belongs to (the store passes `secret:<id>`). It is bound into
// both layers, so a row's fields copied onto another row do not open there. It is not
// secret: errors name it.

export type Bytes = Uint8Array<ArrayBuffer>;
export type SealedSecret = { ciphertext: Bytes; iv: Bytes; authTag: Bytes; wrappedKey: Bytes; masterKeyId: string };
export type WrappedKey = Pick<SealedSecret, 'wrappedKey' | 'masterKeyId'>;

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12; // 96 bits: GCM's native nonce size
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;
// wrappedKey = iv || encrypted data key || tag
const WRAPPED_BYTES = IV_BYTES + DATA_KEY_BYTES + TAG_BYTES;
const VALUE_LABEL = 'burnrate/secret-value/v1';
const WRAP_LABEL = 'burnrate/secret-data-key/v1';

// A secret that cannot be opened. The message names the master key it needs, never the value.
export class SecretDecryptError extends AppError {
  constructor(
    message: string,
    readonly masterKeyId: string,
    readonly reason: 'missing_master_key' | 'authentication_failed',
  ) {
    super('internal', message, { masterKeyId, reason });
    this.name = 'SecretDecryptError';
  }
}

export function seal(plaintext: string, keyring: Keyring, aad: string): SealedSecret {
  const dataKey = randomBytes(DATA_KEY_BYTES);
  try {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, dataKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(`${VALUE_LABEL}\0${aad}`, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { ciphertext: bytes(ciphertext), iv: bytes(iv), authTag: bytes(cipher.getAuthTag()), ...wrap(dataKey, keyring, aad) };
  } finally {
    dataKey.fill(0);
  }
}

export function open(row: SealedSecret, keyring: Keyring, aad: string): string {
  const dataKey = unwrap(row, keyring, aad);
  try {
    if (row.iv.length !== IV_BYTES || row.authTag.length !== TAG_BYTES) throw tampered(row.masterKeyId, aad);
    const decipher = createDecipheriv(ALGORITHM, dataKey, row.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${VALUE_LABEL}\0${aad}`, 'utf8'));
    decipher.setAuthTag(row.authTag);
    try {
      return Buffer.concat([decipher.update(row.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw tampered(row.masterKeyId, aad);
    }
  } finally {
    dataKey.fill(0);
  }
}

// The same data key, wrapped by the keyring's current master key. A row already under the
// current key comes back as it was.
export function rewrap(row: WrappedKey, keyring: Keyring, aad: string): WrappedKey {
  if (row.masterKeyId === keyring.current.id) return { wrappedKey: row.wrappedKey, masterKeyId: row.masterKeyId };
  const dataKey = unwrap(row, keyring, aad);
  try {
    return wrap(dataKey, keyring, aad);
  } finally {
    dataKey.fill(0);
  }
}

function wrap(dataKey: Buffer, keyring: Keyring, aad: string): WrappedKey {
  const { id, key } = keyring.current;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(wrapAad(id, aad));
  const sealed = Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return { wrappedKey: bytes(sealed), masterKeyId: id };
}

function unwrap(row: WrappedKey, keyring: Keyring, aad: string): Buffer {
  const master = findMasterKey(keyring, row.masterKeyId);
  if (!master) {
    throw new SecretDecryptError(
      `cannot decrypt ${aad}: it needs master key ${row.masterKeyId}, which is not configured (have: ${keyringIds(keyring).join(', ')}); ` +
        'add that key to BURNRATE_MASTER_KEY_PREVIOUS, then run `npx burnrate secrets rotate-master`',
      row.masterKeyId,
      'missing_master_key',
    );
  }
  if (row.wrappedKey.length !== WRAPPED_BYTES) throw tampered(row.masterKeyId, aad);
  return unwrapWith(master.key, row, aad);
}

function unwrapWith(key: KeyObject, row: WrappedKey, aad: string): Buffer {
  const sealed = Buffer.from(row.wrappedKey.buffer, row.wrappedKey.byteOffset, row.wrappedKey.byteLength);
  const decipher = createDecipheriv(ALGORITHM, key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(wrapAad(row.masterKeyId, aad));
  decipher.setAuthTag(sealed.subarray(IV_BYTES + DATA_KEY_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, IV_BYTES + DATA_KEY_BYTES)), decipher.final()]);
  } catch {
    throw tampered(row.masterKeyId, aad);
  }
}

const wrapAad = (masterKeyId: string, aad: string) => Buffer.from(`${WRAP_LABEL}\0${masterKeyId}\0${aad}`, 'utf8');

const tampered = (masterKeyId: string, aad: string) =>
  new SecretDecryptError(
    `cannot decrypt ${aad}: authentication failed under master key ${masterKeyId}; its stored fields were altered or belong to another secret`,
    masterKeyId,
    'authentication_failed',
  );

// A copy in a buffer of its own: Prisma's Bytes are Uint8Array<ArrayBuffer>, and Node's
// Buffers may be views into a shared pool.
const bytes = (buffer: Buffer): Bytes => new Uint8Array(buffer);
