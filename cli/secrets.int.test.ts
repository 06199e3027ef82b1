import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKeyring } from '@/lib/secrets/master-key';
import { createSecret, readSecret } from '@/lib/secrets/secret-store';
import { freshDatabase } from '@/test/database';

// `npx burnrate secrets` as an operator runs it during a master-key rotation. Nothing it
// prints may contain a secret value or a master key.
const ROOT = path.resolve(import.meta.dirname, '..');
const KEY_A = Buffer.alloc(32, 0xa1); // obviously fake master keys
const KEY_B = Buffer.alloc(32, 0xb2);
const ID_A = buildKeyring(KEY_A).current.id;
const ID_B = buildKeyring(KEY_B).current.id;
const KNOWN = {
  openai: 'sk-admin-fake-0000000000000000cli1',
  anthropic: 'sk-ant-admin01-fake-00000000000cli2',
  slack: 'https://hooks.slack.com/services/TFAKE/BFAKE/fakefakefake',
  pagerduty: 'fakeroutingkey0000000000000000cli4',
} as const;
const FORBIDDEN = [
  ...Object.values(KNOWN),
  'fakefakefake',
  ...[KEY_A, KEY_B].flatMap((k) => [k.toString('base64'), k.toString('hex'), k.toString('base64url')]),
];
const TOTAL = 4 + 120;

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let dataDir: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await freshDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), 'burnrate-secrets-cli-'));
  const ringA = buildKeyring(KEY_A);
  for (const [kind, value] of Object.entries(KNOWN)) ids[kind] = (await createSecret(ctx.prisma, value, kind as keyof typeof KNOWN, ringA)).id;
  for (let i = 0; i < 120; i++) await createSecret(ctx.prisma, `sk-fake-bulk-${String(i).padStart(20, '0')}`, 'openai', ringA);
});
afterAll(async () => {
  await ctx.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

function secrets(args: string[], keys: { current?: Buffer | string; previous?: Buffer[] }) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const current = Buffer.isBuffer(keys.current) ? keys.current.toString('base64') : (keys.current ?? '');
    const child = spawn(process.execPath, ['bin/burnrate.mjs', 'secrets', ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: ctx.url,
        BURNRATE_DATA_DIR: dataDir,
        BURNRATE_MASTER_KEY: current,
        BURNRATE_MASTER_KEY_FILE: '',
        BURNRATE_MASTER_KEY_PREVIOUS: (keys.previous ?? []).map((k) => k.toString('hex')).join(','),
        BURNRATE_MASTER_KEY_PREVIOUS_FILE: '',
        LOG_LEVEL: 'debug',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => {
      if (process.env.SHOW_CLI) console.log(stdout, stderr);
      for (const text of FORBIDDEN) {
        expect(stdout).not.toContain(text);
        expect(stderr).not.toContain(text);
      }
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npx burnrate secrets', () => {
  it('explains a missing or malformed master key without echoing it, and generates none', async () => {
    const none = await secrets(['status'], {});
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/burnrate: no master key; set BURNRATE_MASTER_KEY or BURNRATE_MASTER_KEY_FILE \(make one with `openssl rand -base64 32`\)/);
    expect(existsSync(path.join(dataDir, 'master.key'))).toBe(false);

    const bad = await secrets(['status'], { current: 'not-a-real-master-key-fake' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/BURNRATE_MASTER_KEY must be 32 random bytes in base64 or hex; make one with `openssl rand -base64 32`/);
    expect(bad.stderr).not.toContain('not-a-real-master-key-fake');
  });

  it('rotates from key A to key B; a second run changes nothing; B alone reads everything', async () => {
    const before = await secrets(['status'], { current: KEY_B });
    expect(before.code).toBe(1);
    expect(before.stdout).toContain(`${ID_A}  not configured      ${TOTAL}         ${TOTAL}`);
    expect(before.stderr).toContain(`burnrate: ${TOTAL} of ${TOTAL} secrets cannot be read; they need master key ${ID_A}: add the key with that id to BURNRATE_MASTER_KEY_PREVIOUS`);

    const first = await secrets(['rotate-master', '--batch-size', '50'], { current: KEY_B, previous: [KEY_A] });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(new RegExp(`rotate-master to ${ID_B} \\[#*\\.*\\] \\d+% \\d+/${TOTAL}`));
    expect(first.stderr).toContain(`rotate-master done: master key ${ID_B} — ${TOTAL} re-wrapped, 0 already current, ${TOTAL} in all`);

    const second = await secrets(['rotate-master'], { current: KEY_B, previous: [KEY_A] });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`0 re-wrapped, ${TOTAL} already current, ${TOTAL} in all`);

    const after = await secrets(['status'], { current: KEY_B });
    expect(after.code).toBe(0);
    expect(after.stdout).toContain(`${ID_B}  current             ${TOTAL}           0`);
    expect(after.stdout).toContain(`all ${TOTAL} secrets are readable`);

    const ringB = buildKeyring(KEY_B);
    for (const [kind, value] of Object.entries(KNOWN)) expect(await readSecret(ctx.prisma, ids[kind]!, ringB)).toBe(value);
  });

  it('explains its usage', async () => {
    const { code, stderr } = await secrets(['rotate'], { current: KEY_B });
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe('burnrate: usage: npx burnrate secrets status | rotate-master [--batch-size 100]');
  });
});
