import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAuthSecret } from './auth-secret';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'burnrate-auth-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadAuthSecret()', () => {
  it('generates a secret once, readable only by its owner, and reuses it', () => {
    const dir = tempDir();
    const first = loadAuthSecret({ BURNRATE_DATA_DIR: dir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path.join(dir, 'auth.secret')).mode & 0o777).toBe(0o600);
    expect(loadAuthSecret({ BURNRATE_DATA_DIR: dir })).toBe(first);
    expect(readFileSync(path.join(dir, 'auth.secret'), 'utf8').trim()).toBe(first);
  });

  it('prefers the configured secret, then its file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'from-file');
    writeFileSync(file, `${'f'.repeat(40)}\n`);
    expect(loadAuthSecret({ BURNRATE_DATA_DIR: dir, BURNRATE_AUTH_SECRET: 's'.repeat(32) })).toBe('s'.repeat(32));
    expect(loadAuthSecret({ BURNRATE_DATA_DIR: dir, BURNRATE_AUTH_SECRET_FILE: file })).toBe('f'.repeat(40));
  });

  it('explains a short or missing file without printing it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'short');
    writeFileSync(file, 'hunter2');
    expect(() => loadAuthSecret({ BURNRATE_DATA_DIR: dir, BURNRATE_AUTH_SECRET_FILE: file })).toThrow(/must hold at least 32 characters/);
    expect(() => loadAuthSecret({ BURNRATE_DATA_DIR: dir, BURNRATE_AUTH_SECRET_FILE: file })).not.toThrow(/hunter2/);
    expect(() => loadAuthSecret({ BURNRATE_DATA_DIR: dir, BURNRATE_AUTH_SECRET_FILE: path.join(dir, 'nope') })).toThrow(/cannot read BURNRATE_AUTH_SECRET_FILE .*ENOENT/);
  });
});
