import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// End to end: `burnrate nab` on a tiny NAB-layout folder made here (never a copy of
// ../shared data): one series with a spike inside its window, one calm series without
// windows (CRLF, no final newline), and one series the labels do not mention.

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
let dir: string;

const stamp = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 300_000).toISOString().slice(0, 19).replace('T', ' ');
const series = (rows: number, value: (i: number) => number, eol = '\n') =>
  ['timestamp,value', ...Array.from({ length: rows }, (_, i) => `${stamp(i)},${value(i)}`)].join(eol);
const wave = (i: number) => 10 + 2 * Math.sin(i / 5) + ((i * 7) % 3) * 0.1;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'burnrate-nab-'));
  await mkdir(path.join(dir, 'data', 'synthetic'), { recursive: true });
  await mkdir(path.join(dir, 'labels'));
  await writeFile(path.join(dir, 'data', 'synthetic', 'spike.csv'), `${series(400, (i) => (i === 300 ? 100 : wave(i)))}\n`);
  await writeFile(path.join(dir, 'data', 'synthetic', 'calm.csv'), series(400, wave, '\r\n'));
  await writeFile(path.join(dir, 'data', 'synthetic', 'unlabelled.csv'), series(50, wave));
  const windows = { 'synthetic/spike.csv': [[`${stamp(290)}.000000`, `${stamp(310)}.000000`]], 'synthetic/calm.csv': [] };
  await writeFile(path.join(dir, 'labels', 'combined_windows.json'), JSON.stringify(windows, null, 2));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const burnrate = (...args: string[]) => run(process.execPath, ['bin/burnrate.mjs', ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' } });

describe('burnrate nab', () => {
  it('scores the folder on all three profiles with per-file detail', async () => {
    const { stdout, stderr } = await burnrate('nab', dir, '--json', '--detector', 'windowed-gaussian');
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ detector: 'windowed-gaussian', files: 2, windows: 1 });
    expect(Object.keys(result.profiles)).toEqual(['standard', 'reward_low_FP_rate', 'reward_low_FN_rate']);
    // The spike sits at p = -0.5 of its window and nothing else stands out: 100 * (0.848 + 1) / 2.
    expect(result.profiles.standard).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(result.profiles.standard.normalized).toBeCloseTo(92.41, 1);
    expect(result.perFile.map((f: { name: string }) => f.name)).toEqual(['synthetic/calm.csv', 'synthetic/spike.csv']);
    expect(result.perFile[1]).toMatchObject({ rows: 400, probation: 60, windows: 1, profiles: { standard: { tp: 1 } } });
    expect(stderr).toContain('skipping 1 file(s) without labels: synthetic/unlabelled.csv');
    expect(stderr).toMatch(/nab windowed-gaussian: 2 files scored/);
  }, 60_000);

  it('prints a table without --json, and the null detector scores 0', async () => {
    const { stdout } = await burnrate('nab', dir, '--detector', 'null');
    expect(stdout).toMatch(/^null on 2 files with 1 windows/);
    expect(stdout).toMatch(/standard\s+0\.00\s+1\.1\s+-1\.000\s+0\s+0\s+1/);
  }, 60_000);

  it.each([
    [['nab'], /nab needs exactly one NAB folder/],
    [['nab', '/nonexistent-burnrate-nab'], /combined_windows\.json is missing/],
    [['nab', '--detector', 'magic', '/tmp'], /unknown detector "magic"; choose one of windowed-gaussian, null/],
  ])('fails with a message that says how to fix %j', async (args, message) => {
    const failure = await burnrate(...args).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(message);
  }, 60_000);
});
