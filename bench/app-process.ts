import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

// The real app, as users start it: `node bin/burnrate.mjs start`, which builds the Next app
// first when its sources changed (about a minute, longer on a busy machine). It runs in a
// process group of its own so that a stop can also reach the web server it spawned.

const ROOT = path.resolve(import.meta.dirname, '..');
const READY = 'Burnrate is running at';
const START_TIMEOUT_MS = 8 * 60_000;
const STOP_TIMEOUT_MS = 30_000;
const TAIL_LINES = 40;

export type RunningApp = { url: string; stop: () => Promise<void>; tail: () => string };

export async function startApp(options: { port: number; dataDir: string; databaseUrl: string; log: (line: string) => void }): Promise<RunningApp> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'burnrate.mjs'), 'start'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(options.port),
      BURNRATE_HOST: '127.0.0.1',
      BURNRATE_DATA_DIR: options.dataDir,
      BURNRATE_DEMO: 'off',
      BURNRATE_PG_PORT: '',
      DATABASE_URL: options.databaseUrl,
      LOG_FORMAT: 'json',
    },
  });
  const lines: string[] = [];
  let ready = false;
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > TAIL_LINES) lines.shift();
    if (/building the web app|Compiled|error/i.test(line) && !ready) options.log(`  app: ${line.slice(0, 200)}`);
  };
  // Both pipes are drained for the app's whole life: the server logs a line per ingest batch.
  const stdout = createInterface({ input: child.stdout! });
  createInterface({ input: child.stderr! }).on('line', keep);
  let stopping: Promise<void> | undefined;
  const app: RunningApp = {
    url: `http://127.0.0.1:${options.port}`,
    // Idempotent: a second SIGINT would make the app skip its ordered shutdown.
    stop: () => (stopping ??= stopApp(child)),
    tail: () => lines.join('\n'),
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench: the app was not ready within ${START_TIMEOUT_MS / 60_000} min`)), START_TIMEOUT_MS);
      stdout.on('line', (line) => {
        keep(line);
        if (!ready && line.includes(READY)) {
          ready = true;
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (!ready) reject(new Error(`bench: the app exited during start-up (${signal ?? `code ${code}`}); its last output:\n${app.tail()}`));
      });
    });
  } catch (error) {
    await app.stop();
    throw error;
  }
  return app;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

// SIGINT, as Ctrl-C would: the app stops its web server, scheduler and database client in
// order. Whatever is left of its process group after that (or after a timeout) is killed.
async function stopApp(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (!exited(child)) {
    child.kill('SIGINT');
    if (!(await waitForExit(child, STOP_TIMEOUT_MS))) child.kill('SIGKILL');
    await waitForExit(child, 5_000);
  }
  try {
    process.kill(-pid, 'SIGKILL'); // the group we created: only the app's own children
  } catch {
    // the group is already gone
  }
}
