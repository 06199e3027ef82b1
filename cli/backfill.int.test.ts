import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTraffic } from '@/fakes/fake-traffic';
import { startFakeOpenAI, type FakeOpenAI } from '@/fakes/openai-admin-server';
import { DEMO_KEYS, DEMO_SEED } from '@/lib/demo/demo-keys';
import { freshDatabase } from '@/test/database';

// `npx burnrate backfill` as a user runs it: a progress bar, Ctrl-C to stop, the same
// command again to resume.
const ROOT = path.resolve(import.meta.dirname, '..');
const KEY = 'sk-admin-fake-cli-0000';

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let fake: FakeOpenAI;

beforeAll(async () => {
  ctx = await freshDatabase();
  const traffic = new FakeTraffic({ keys: DEMO_KEYS.filter((k) => k.provider === 'openai'), seed: DEMO_SEED, now: Date.now });
  fake = await startFakeOpenAI({ traffic, adminKey: KEY });
  await ctx.prisma.providerConnection.create({ data: { name: 'Acme OpenAI', provider: 'openai', baseUrl: fake.baseURL, credentialEnv: 'CLI_FAKE_KEY' } });
});
afterAll(async () => {
  await fake.stop();
  await ctx.cleanup();
});

function backfill(args: string[], interruptAfterLine?: RegExp) {
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/burnrate.mjs', 'backfill', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: ctx.url, CLI_FAKE_KEY: KEY, LOG_LEVEL: 'warn' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (interruptAfterLine?.test(stderr)) {
        interruptAfterLine = undefined;
        child.kill('SIGINT');
      }
    });
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('npx burnrate backfill', () => {
  it('explains a connection it does not know', async () => {
    const { code, stderr } = await backfill(['--connection', 'nope']);
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^burnrate: no connection "nope"; known connections: "Acme OpenAI" \(/);
  });

  it('shows progress, stops on Ctrl-C, and resumes where it stopped', async () => {
    // A fixed start, so both runs plan the same windows even across an hour boundary.
    const since = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 20 * 86_400_000).toISOString();
    const first = await backfill(['--connection', 'Acme OpenAI', '--since', since], / 2\d%/);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/backfill Acme OpenAI \[#+\.+\] \d+% \d+\/\d+/);
    expect(first.stderr).toMatch(/backfill interrupted after \d+ windows; run the same command again to resume/);
    const saved = await ctx.prisma.usageBucket.count();
    expect(saved).toBeGreaterThan(0);

    const second = await backfill(['--connection', 'Acme OpenAI', '--since', since]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/backfill done: \d+ windows, \d+ buckets written \(resumed from \d{4}-/);
    expect(await ctx.prisma.usageBucket.count()).toBeGreaterThan(saved);
  });
});
