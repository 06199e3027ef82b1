// `npm test`: every check, in the order that fails fastest: typecheck, lint, unit tests,
// integration tests (embedded Postgres), production build, end-to-end tests (Chromium).
// Stops at the first failing step; the last line counts the tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildIfNeeded } from '../cli/build-if-needed';
import { chromiumPath } from '../e2e/chromium';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });
const env = { ...process.env, TZ: 'UTC', NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.stdout.isTTY ? '1' : '0' };

type Counts = { passed: number; failed: number; skipped: number };
const total: Counts = { passed: 0, failed: 0, skipped: 0 };

function run(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env }).status === 0;
}

function vitestCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}

function playwrightCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  return { passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky, skipped: r.stats.skipped };
}

function ensureChromium(): boolean {
  try {
    chromiumPath();
    return true;
  } catch (error) {
    const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
    if (!canInstall) {
      console.error((error as Error).message);
      return false;
    }
    console.error('burnrate: installing Debian chromium for the end-to-end tests (once)…');
    return run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', 'chromium']);
  }
}

const vitest = (project: string) => () => {
  const out = path.join(results, `${project}.json`);
  rmSync(out, { force: true });
  const ok = run(bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  return { ok, counts: vitestCounts(out) };
};

const steps: { name: string; run: () => { ok: boolean; counts?: Counts } }[] = [
  { name: 'typecheck', run: () => ({ ok: run(bin('tsc'), ['--noEmit', '-p', '.']) }) },
  { name: 'lint', run: () => ({ ok: run(bin('eslint'), ['--max-warnings=0', '.']) }) },
  { name: 'unit tests', run: vitest('unit') },
  { name: 'integration tests', run: vitest('integration') },
  {
    name: 'build',
    run: () => {
      try {
        buildIfNeeded(root);
        return { ok: true };
      } catch (error) {
        console.error((error as Error).message);
        return { ok: false };
      }
    },
  },
  {
    name: 'end-to-end tests',
    run: () => {
      if (!ensureChromium()) return { ok: false };
      const out = path.join(results, 'e2e-report.json');
      rmSync(out, { force: true });
      const ok = run(bin('playwright'), ['test']);
      return { ok, counts: playwrightCounts(out) };
    },
  },
];

let failedStep: string | undefined;
for (const [i, step] of steps.entries()) {
  console.log(`\n▶ [${i + 1}/${steps.length}] ${step.name}`);
  const started = Date.now();
  const { ok, counts } = step.run();
  if (counts) {
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  }
  console.log(`${ok ? '✔' : '✘'} ${step.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) {
    failedStep = step.name;
    break;
  }
}

if (failedStep) {
  console.log(`\nnpm test failed at: ${failedStep}`);
  if (total.failed === 0) total.failed = 1; // a failing typecheck, lint or build counts as one
}
console.log(`\ntests: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(failedStep ? 1 : 0);
