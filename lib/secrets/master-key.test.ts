import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseEnv } from '@/lib/env';
import { buildKeyring, loadKeyring, masterKeyId, parseMasterKey, parseMasterKeyList } from './master-key';

const KEY = Buffer.alloc(32, 0xa1); // obviously fake
const OTHER = Buffer.alloc(32, 0xb2);
const B64 = KEY.toString('base64');
const HEX = KEY.toString('hex');

describe('parseMasterKey', () => {
  it.each([
    ['base64', B64],
    ['base64 without padding', B64.replace(/=+$/, '')],
    ['base64url', Buffer.alloc(32, 0xfb).toString('base64url')],
    ['hex', HEX],
    ['upper-case hex', HEX.toUpperCase()],
    ['a file with a trailing newline', `${B64}\n`],
    ['surrounding spaces', `  ${HEX}\r\n`],
  ])('reads %s', (_, text) => {
    expect(parseMasterKey(text)).toHaveLength(32);
  });

  it('decodes base64url to the right bytes', () => {
    expect(parseMasterKey(Buffer.alloc(32, 0xfb).toString('base64url'))).toEqual(Buffer.alloc(32, 0xfb));
    expect(parseMasterKey(HEX)).toEqual(KEY);
  });

  it.each([
    ['empty', '', /BURNRATE_MASTER_KEY is empty/],
    ['31 bytes', Buffer.alloc(31, 1).toString('base64'), /not 32 bytes in base64 or hex \(44 characters\)/],
    ['33 bytes', Buffer.alloc(33, 1).toString('base64'), /not 32 bytes/],
    ['16 bytes of hex', Buffer.alloc(16, 1).toString('hex'), /not 32 bytes/],
    ['63 hex digits', HEX.slice(1), /not 32 bytes/],
    ['a passphrase', 'correct horse battery staple', /not 32 bytes/],
    ['mixed alphabets', `${B64.slice(0, 40)}+_-/`, /not 32 bytes/],
  ])('rejects %s and says how to make a key', (_, text, message) => {
    expect(() => parseMasterKey(text)).toThrow(message);
    expect(() => parseMasterKey(text)).toThrow('make one with `openssl rand -base64 32`');
    if (text) {
      try {
        parseMasterKey(text);
      } catch (error) {
        expect((error as Error).message).not.toContain(text);
      }
    }
  });

  it('reads comma-separated lists and names the bad entry', () => {
    expect(parseMasterKeyList(`${B64}, ${OTHER.toString('hex')},`)).toEqual([KEY, OTHER]);
    expect(() => parseMasterKeyList(`${B64},nope`)).toThrow(/BURNRATE_MASTER_KEY_PREVIOUS \(key 2\) is not 32 bytes/);
  });
});

describe('masterKeyId', () => {
  it('is a short, stable, domain-separated fingerprint', () => {
    expect(masterKeyId(KEY)).toMatch(/^[0-9a-f]{16}$/);
    expect(masterKeyId(KEY)).toBe(masterKeyId(Buffer.from(KEY)));
    expect(masterKeyId(KEY)).not.toBe(masterKeyId(OTHER));
    expect(masterKeyId(KEY)).not.toBe(createHash('sha256').update(KEY).digest('hex').slice(0, 16));
  });

  it('keyrings drop duplicate previous keys and never show key bytes', () => {
    const ring = buildKeyring(KEY, [OTHER, KEY, OTHER]);
    expect(ring.previous.map((k) => k.id)).toEqual([masterKeyId(OTHER)]);
    expect(JSON.stringify(ring)).not.toContain(B64);
    expect(String(ring.current.key)).not.toContain(HEX);
  });
});

describe('parseEnv', () => {
  it('checks the master key variables when the process starts', () => {
    expect(parseEnv({ BURNRATE_MASTER_KEY: B64, BURNRATE_MASTER_KEY_PREVIOUS: `${HEX},${B64}` }).BURNRATE_MASTER_KEY).toBe(B64);
    expect(() => parseEnv({ BURNRATE_MASTER_KEY: 'hunter2' })).toThrow(/BURNRATE_MASTER_KEY must be 32 random bytes in base64 or hex; make one with `openssl rand -base64 32`/);
    expect(() => parseEnv({ BURNRATE_MASTER_KEY_PREVIOUS: `${B64},short` })).toThrow(/each comma-separated key in BURNRATE_MASTER_KEY_PREVIOUS must be/);
  });
});

describe('loadKeyring', () => {
  let dir: string;
  let stderr: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'burnrate-keys-'));
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    stderr.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });
  const logged = () => stderr.mock.calls.map((c: unknown[]) => String(c[0])).join('');
  const base = () => ({ BURNRATE_DATA_DIR: dir });

  it('uses BURNRATE_MASTER_KEY and the previous keys', () => {
    const ring = loadKeyring({ ...base(), BURNRATE_MASTER_KEY: B64, BURNRATE_MASTER_KEY_PREVIOUS: OTHER.toString('hex') });
    expect(ring.current.id).toBe(masterKeyId(KEY));
    expect(ring.previous.map((k) => k.id)).toEqual([masterKeyId(OTHER)]);
  });

  it('reads key files with a trailing newline', () => {
    writeFileSync(path.join(dir, 'current'), `${B64}\n`);
    writeFileSync(path.join(dir, 'previous'), `${OTHER.toString('base64')}\n`);
    const ring = loadKeyring({ ...base(), BURNRATE_MASTER_KEY_FILE: path.join(dir, 'current'), BURNRATE_MASTER_KEY_PREVIOUS_FILE: path.join(dir, 'previous') });
    expect(ring.current.id).toBe(masterKeyId(KEY));
    expect(ring.previous.map((k) => k.id)).toEqual([masterKeyId(OTHER)]);
  });

  it('refuses both a key and a key file, and an unreadable file', () => {
    expect(() => loadKeyring({ ...base(), BURNRATE_MASTER_KEY: B64, BURNRATE_MASTER_KEY_FILE: '/nope' })).toThrow(/set BURNRATE_MASTER_KEY or BURNRATE_MASTER_KEY_FILE, not both/);
    expect(() => loadKeyring({ ...base(), BURNRATE_MASTER_KEY_FILE: path.join(dir, 'missing') })).toThrow(/cannot read BURNRATE_MASTER_KEY_FILE \(.*ENOENT\)/);
  });

  it('generates a key once, mode 0600, warns without printing it, and reuses it', () => {
    const first = loadKeyring(base());
    const file = path.join(dir, 'master.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8').trim();
    expect(masterKeyId(parseMasterKey(text))).toBe(first.current.id);
    expect(logged()).toMatch(/master_key_generated/);
    expect(logged()).toMatch(/in production set BURNRATE_MASTER_KEY/);
    expect(logged()).not.toContain(text);
    stderr.mockClear();
    expect(loadKeyring(base()).current.id).toBe(first.current.id);
    expect(logged()).toBe('');
  });

  it('keeps a generated key as a previous one once a key is configured', () => {
    const generated = loadKeyring(base()).current.id;
    const ring = loadKeyring({ ...base(), BURNRATE_MASTER_KEY: B64 });
    expect(ring.current.id).toBe(masterKeyId(KEY));
    expect(ring.previous.map((k) => k.id)).toEqual([generated]);
  });

  it('generates nothing when asked not to', () => {
    expect(() => loadKeyring(base(), { generate: false })).toThrow(/no master key; set BURNRATE_MASTER_KEY or BURNRATE_MASTER_KEY_FILE/);
    expect(() => statSync(path.join(dir, 'master.key'))).toThrow();
  });
});
