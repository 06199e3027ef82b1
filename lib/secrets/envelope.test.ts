import { describe, expect, it } from 'vitest';
import { open, rewrap, seal, SecretDecryptError, type SealedSecret } from './envelope';
import { buildKeyring } from './master-key';

// Obviously fake master keys: 32 repeated bytes.
const KEY_A = Buffer.alloc(32, 0xa1);
const KEY_B = Buffer.alloc(32, 0xb2);
const KEY_C = Buffer.alloc(32, 0xc3);
const ringA = buildKeyring(KEY_A);
const ringB = buildKeyring(KEY_B);
const ringBA = buildKeyring(KEY_B, [KEY_A]);
const VALUE = 'sk-admin-fake-0000000000000000abcd';
const AAD = 'secret:00000000-0000-4000-8000-000000000001';

function flip(bytes: Uint8Array<ArrayBuffer>, at = 0): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

function decryptError(fn: () => unknown): SecretDecryptError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SecretDecryptError);
    expect((error as Error).message).not.toContain(VALUE);
    return error as SecretDecryptError;
  }
  throw new Error('expected a SecretDecryptError');
}

describe('seal and open', () => {
  it.each([VALUE, 'https://hooks.slack.com/services/TFAKE/BFAKE/fakefakefake', 'ünïcødé ☃', ''])('round-trips %j', (value) => {
    expect(open(seal(value, ringA, AAD), ringA, AAD)).toBe(value);
  });

  it('stores the value nowhere in the clear, with GCM-sized fields and the master key id', () => {
    const row = seal(VALUE, ringA, AAD);
    expect(Buffer.from(row.ciphertext).toString('utf8')).not.toContain('fake');
    expect(row.ciphertext.length).toBe(Buffer.byteLength(VALUE));
    expect(row.iv.length).toBe(12);
    expect(row.authTag.length).toBe(16);
    expect(row.wrappedKey.length).toBe(12 + 32 + 16);
    expect(row.masterKeyId).toBe(ringA.current.id);
  });

  it('uses a fresh data key and iv each time', () => {
    const [a, b] = [seal(VALUE, ringA, AAD), seal(VALUE, ringA, AAD)];
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(Buffer.from(a.wrappedKey).equals(Buffer.from(b.wrappedKey))).toBe(false);
    expect(Buffer.from(a.ciphertext).equals(Buffer.from(b.ciphertext))).toBe(false);
  });

  const tampers: [string, (row: SealedSecret) => SealedSecret][] = [
    ['ciphertext', (r) => ({ ...r, ciphertext: flip(r.ciphertext, 3) })],
    ['iv', (r) => ({ ...r, iv: flip(r.iv) })],
    ['short iv', (r) => ({ ...r, iv: r.iv.slice(0, 8) })],
    ['authTag', (r) => ({ ...r, authTag: flip(r.authTag, 15) })],
    ['truncated authTag', (r) => ({ ...r, authTag: r.authTag.slice(0, 4) })],
    ['wrappedKey iv', (r) => ({ ...r, wrappedKey: flip(r.wrappedKey, 0) })],
    ['wrappedKey body', (r) => ({ ...r, wrappedKey: flip(r.wrappedKey, 20) })],
    ['wrappedKey tag', (r) => ({ ...r, wrappedKey: flip(r.wrappedKey, 59) })],
    ['truncated wrappedKey', (r) => ({ ...r, wrappedKey: r.wrappedKey.slice(0, 50) })],
    ['masterKeyId relabelled to another configured key', (r) => ({ ...r, masterKeyId: ringB.current.id })],
  ];
  it.each(tampers)('detects a tampered %s', (_, tamper) => {
    const error = decryptError(() => open(tamper(seal(VALUE, ringA, AAD)), ringBA, AAD));
    expect(error.reason).toBe('authentication_failed');
    expect(error.message).toMatch(/authentication failed under master key [0-9a-f]{16}/);
  });

  it('fails with another secret\'s aad, in both layers', () => {
    const row = seal(VALUE, ringA, AAD);
    expect(decryptError(() => open(row, ringA, 'secret:other')).reason).toBe('authentication_failed');
    expect(decryptError(() => rewrap(row, ringBA, 'secret:other')).reason).toBe('authentication_failed');
  });

  it('names the master key it needs when the keyring lacks it', () => {
    const error = decryptError(() => open(seal(VALUE, ringA, AAD), ringB, AAD));
    expect(error).toMatchObject({ code: 'internal', reason: 'missing_master_key', masterKeyId: ringA.current.id });
    expect(error.message).toContain(`needs master key ${ringA.current.id}, which is not configured (have: ${ringB.current.id})`);
    expect(error.message).toContain('BURNRATE_MASTER_KEY_PREVIOUS');
    expect(error.message).toContain(AAD);
  });
});

describe('rewrap', () => {
  it('moves the data key to the current master; the value then opens with the new key alone', () => {
    const row = seal(VALUE, ringA, AAD);
    const moved = { ...row, ...rewrap(row, ringBA, AAD) };
    expect(moved.masterKeyId).toBe(ringB.current.id);
    expect(moved.ciphertext).toEqual(row.ciphertext);
    expect(moved.iv).toEqual(row.iv);
    expect(moved.authTag).toEqual(row.authTag);
    expect(open(moved, ringB, AAD)).toBe(VALUE);
    expect(decryptError(() => open(moved, ringA, AAD)).reason).toBe('missing_master_key');
  });

  it('leaves a row already under the current key as it is', () => {
    const row = seal(VALUE, ringB, AAD);
    expect(rewrap(row, ringBA, AAD)).toEqual({ wrappedKey: row.wrappedKey, masterKeyId: row.masterKeyId });
  });

  it('cannot move a row whose master key is not in the keyring', () => {
    const row = seal(VALUE, buildKeyring(KEY_C), AAD);
    expect(decryptError(() => rewrap(row, ringBA, AAD)).masterKeyId).toBe(buildKeyring(KEY_C).current.id);
  });
});
