import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, it } from 'vitest';
import { fixtureMeta, fixtureTime, writeFixtureScenario } from '@/lib/detect/eval/fixture-scenario';

// End to end through bin/burnrate.mjs, on synthetic scenarios written to a temp folder.

const repo = path.resolve(import.meta.dirname, '..');
const root = mkdtempSync(path.join(tmpdir(), 'burnrate-eval-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const suite = path.join(root, 'suite');
const spiky = writeFixtureScenario(path.join(suite, 'a-spiky'));
// Same usage; its label (key_b, buckets 30-32) is one the naive baseline cannot see.
writeFixtureScenario(path.join(suite, 'b-quiet'), {
  meta: fixtureMeta({ name: 'fixture-009', labels: [{ key: 'key_b', kind: 'off_hours', start: fixtureTime(30), end: fixtureTime(32) }] }),
});
const unlabelled = writeFixtureScenario(path.join(root, 'unlabelled'), { meta: fixtureMeta({ labels: [] }) });
// A warm-up of 30 hours: the scenario can also start one day later, not two.
const longWarmup = path.join(root, 'long-warmup');
writeFixtureScenario(path.join(longWarmup, 'a'), { meta: fixtureMeta({ name: 'fixture-009', warmupEnd: fixtureTime(30) }) });

async function burnrate(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', ['bin/burnrate.mjs', 'eval', ...args], { cwd: repo, env: { ...process.env, LOG_LEVEL: 'warn' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Concurrent: each case spawns its own process; assertions use the test's own expect.
describe.concurrent('burnrate eval', { timeout: 60_000 }, () => {
  it('prints the incidents and the metrics of one scenario as JSON', async ({ expect }) => {
    const { code, stdout } = await burnrate(spiky, '--json', '--detector', 'naive');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.incidents).toEqual([{ key: 'key_a', kind: 'spike', at: '2026-03-02T16:00:00.000Z', severity: 'critical', summary: expect.stringMatching(/^cost \$10\.00/) }]);
    expect(out.metrics).toMatchObject({ recall: 1, precision: 1, falseAlertsPerKeyWeek: 0, medianTimeToDetectSeconds: 3600, kindAccuracy: 1 });
    expect(out.metrics.outcomes[0]).toMatchObject({ key: 'key_a', start: '2026-03-02T16:00:00.000Z', detectedAt: '2026-03-02T16:00:00.000Z' });
  });

  it('prints incidents only when the scenario has no labels', async ({ expect }) => {
    const { stdout } = await burnrate(unlabelled, '--json', '--detector', 'naive');
    expect(Object.keys(JSON.parse(stdout))).toEqual(['incidents']);
  });

  it('prints a readable report without --json', async ({ expect }) => {
    const { stdout } = await burnrate(spiky, '--detector', 'naive');
    expect(stdout).toContain('fixture · detector naive · 2 keys · 48 buckets of 3600 s · 1 incidents');
    expect(stdout).toMatch(/2026-03-02T16:00:00.000Z {2}key_a {2}spike/);
    expect(stdout).toContain('recall 100.0% (1/1)');
  });

  it('runs every scenario of a folder with totals, subtler ones apart, and progress on stderr', async ({ expect }) => {
    const { code, stdout, stderr } = await burnrate('--all', suite, '--json', '--subtle', '009', '--detector', 'naive');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.scenarios.map((s: { name: string; subtle: boolean }) => [s.name, s.subtle])).toEqual([
      ['fixture', false],
      ['fixture-009', true],
    ]);
    expect(out.totals).toMatchObject({ labels: 2, detected: 1, recall: 0.5, incidents: 2, detecting: 1 });
    expect(out.subtle).toMatchObject({ labels: 1, recall: 0 });
    expect(stderr).toContain('eval naive: 2 scenarios replayed');

    const text = await burnrate('--all', suite, '--subtle', '009', '--detector', 'naive');
    expect(text.stdout).toMatch(/TOTAL subtler \*/);
    expect(text.stdout).toContain('subtler: recall 0.0% (0/1)');
  });

  it('--start-later also replays each scenario from later days, still in its warm-up, as the same kind', async ({ expect }) => {
    const { code, stdout } = await burnrate('--all', longWarmup, '--json', '--subtle', '009', '--detector', 'naive', '--start-later', '1,2');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.scenarios.map((s: { name: string; subtle: boolean }) => [s.name, s.subtle])).toEqual([
      ['fixture-009', true],
      ['fixture-009+1d', true],
    ]);
    expect(out.totals).toMatchObject({ labels: 2, detected: 2 });
  });

  it.for([
    ['a start later by no whole day', () => ['--all', longWarmup, '--start-later', '1,x'], /--start-later takes whole days > 0, comma-separated/],
    ['a malformed row, with file and line', () => {
      const dir = writeFixtureScenario(path.join(root, 'broken'));
      writeFileSync(path.join(dir, 'usage.csv'), 'timestamp,key,model,region,requests,input_tokens,output_tokens,cost_usd\n2026-03-01T00:00:00Z,key_a,gpt-4o,US,1,2,3,0.1\n2026-03-01T01:00:00Z,key_a\n');
      return [dir];
    }, /^burnrate: .*broken\/usage\.csv:3: expected 8 comma-separated fields, found 2\n$/],
    ['a missing folder', () => [path.join(root, 'missing')], /^burnrate: scenario folder .*missing not found\n$/],
    ['an unknown detector', () => [spiky, '--detector', 'magic'], /unknown detector "magic"; known: naive/],
    ['no folder', () => [], /eval needs one scenario folder/],
  ] as const)('fails with one clear message on %s', async ([, args, message], { expect }) => {
    const { code, stdout, stderr } = await burnrate(...args());
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});
