import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createPrisma } from '@/lib/db';
import { ensureDemoAdmin } from '@/lib/auth/demo-admin';
import { ensureConfiguredConnections } from '@/lib/collect/configured-connections';
import { demoEnabled, startDemoProviders } from '@/lib/demo/demo-providers';
import type { Env } from '@/lib/env';
import { logger } from '@/lib/log';
import { isPortFree } from '@/lib/net/ports';
import { PROVIDERS } from '@/lib/providers/registry';
import { jobHandlers } from '@/jobs/handlers';
import { startScheduler, type Scheduler } from '@/jobs/scheduler';
import { buildIfNeeded } from './build-if-needed';
import { catchUpNewConnections } from './catch-up';
import { openDatabase, type OpenDatabase } from './open-database';

// `npm start`: build if needed, database, migrations, demo data, scheduler, web server.
// Ctrl-C stops everything it started, in reverse order.

const ROOT = path.resolve(import.meta.dirname, '..');

export type StartOptions = { dev: boolean };

export async function start(env: Env, options: StartOptions): Promise<void> {
  if (!(await isPortFree(env.PORT, env.BURNRATE_HOST))) {
    throw new Error(`burnrate: port ${env.PORT} is in use (another Burnrate?); stop that process or start on another port with PORT=${env.PORT + 1} npm start`);
  }
  const stack: { name: string; stop: () => Promise<void> }[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    for (const item of stack.reverse()) {
      await item.stop().catch((error: unknown) => logger.warn('stop_failed', { part: item.name, error: String(error) }));
    }
    stack.length = 0;
  };
  const shutdown = async (code: number) => {
    if (stopping) return;
    await stopAll();
    process.exit(code);
  };
  process.on('SIGINT', () => (stopping ? process.exit(130) : void shutdown(0)));
  // A job still running when Ctrl-C stops the database fails on a closed connection, and
  // pg-boss reports it as an unhandled rejection: expected while stopping, not a crash.
  process.on('unhandledRejection', (error) => {
    if (stopping) return logger.debug('rejection_while_stopping', { error: error instanceof Error ? error.message : String(error) });
    logger.error('unhandled_rejection', { error: error instanceof Error ? error.message : String(error) });
    void shutdown(1);
  });
  process.on('SIGTERM', () => void shutdown(0));

  try {
    // The database first: its problems show in a second, a build takes a minute.
    const database: OpenDatabase = await openDatabase(env);
    stack.push({ name: 'database', stop: database.stop });
    if (!options.dev) buildIfNeeded(ROOT);
    const db = createPrisma(database.url, 10);
    stack.push({ name: 'prisma', stop: () => db.$disconnect() });

    await ensureConfiguredConnections(db, process.env);
    const demo = await demoEnabled(db, env.BURNRATE_DEMO);
    if (demo) {
      const providers = await startDemoProviders(db);
      stack.push({ name: 'demo providers', stop: providers.stop });
      Object.assign(process.env, providers.env); // the collector and the web server read credentials here
    }
    // The way in for a first run: printed below, once, to the terminal only (not the log).
    const demoAdmin = demo ? await ensureDemoAdmin(db, env.BURNRATE_DEMO_ADMIN_PASSWORD) : null;
    const noUsers = !demo && (await db.user.count()) === 0;
    const deps = { providers: PROVIDERS, env: process.env };
    await catchUpNewConnections(db, deps, { waitForDemo: demo });
    if (env.BURNRATE_SCHEDULER === 'on') {
      const scheduler: Scheduler = await startScheduler(database.url, jobHandlers(db, deps, new Date(), { timezone: env.BURNRATE_TIMEZONE, dataDir: env.BURNRATE_DATA_DIR, pagerDutyUrl: process.env.BURNRATE_PAGERDUTY_EVENTS_URL }), { quiet: () => stopping });
      stack.push({ name: 'scheduler', stop: scheduler.stop });
      await scheduler.runNow('heartbeat');
      await scheduler.runNow('pull-recent');
    }

    const web = startWeb(env, database.url, options.dev);
    stack.push({ name: 'web', stop: () => stopChild(web) });
    web.on('exit', (code, signal) => {
      if (stopping) return;
      // Ctrl-C reaches the whole process group: the web server may see it before we do.
      if (signal === 'SIGINT' || signal === 'SIGTERM' || code === 0) return void shutdown(0);
      logger.error('web_server_exited', { code, signal });
      void shutdown(1);
    });
    await waitForHttp(`http://${env.BURNRATE_HOST}:${env.PORT}/api/health`, web);
    const shown = env.BURNRATE_HOST === '127.0.0.1' || env.BURNRATE_HOST === '0.0.0.0' ? 'localhost' : env.BURNRATE_HOST;
    console.log(`\nBurnrate is running at http://${shown}:${env.PORT}  (database: ${database.kind}${demo ? ', demo data' : ''}; Ctrl-C to stop)\n`);
    if (demoAdmin) {
      console.log(`Sign in as ${demoAdmin.email} with this one-time password (shown only now; you will choose a new one):\n\n    ${demoAdmin.password}\n`);
    }
    if (noUsers) console.log('No users yet: create the first admin with `npx burnrate admin create --email you@example.com`\n');
  } catch (error) {
    await stopAll();
    throw error; // main() prints it as one line and exits 1
  }
}

function startWeb(env: Env, databaseUrl: string, dev: boolean): ChildProcess {
  const next = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
  return spawn(process.execPath, [next, dev ? 'dev' : 'start', '--port', String(env.PORT), '--hostname', env.BURNRATE_HOST], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1', PORT: String(env.PORT) },
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('burnrate: the web server exited during start-up; the output above says why');
    try {
      const res = await fetch(url);
      if (res.status < 500 || res.status === 503) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`burnrate: the web server did not answer at ${url} within ${timeoutMs / 1000} s`);
}
