import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { logger } from '../log';

// Applies prisma/migrations/*/migration.sql in name order and records each in Prisma's own
// `_prisma_migrations` table the way `prisma migrate deploy` does, so the two agree: users
// with internet may run the Prisma CLI against the same database.

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations');

// The advisory lock Prisma's migrate takes; sharing it keeps the two from running at once.
const PRISMA_MIGRATE_LOCK = 72707369;

export type LocalMigration = { name: string; sql: string; checksum: string };
export type MigrationStatus = { applied: string[]; pending: string[]; failed: string[]; modified: string[] };

export class MigrationError extends Error {}

export function readMigrations(dir = MIGRATIONS_DIR): LocalMigration[] {
  if (!existsSync(dir)) throw new MigrationError(`burnrate: no migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type Row = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

async function readApplied(client: pg.Client): Promise<Row[]> {
  const exists = await client.query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS ok`);
  if (!exists.rows[0]?.ok) return [];
  const res = await client.query<Row>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
  );
  return res.rows;
}

export function compareMigrations(local: LocalMigration[], rows: Row[]): MigrationStatus {
  const live = rows.filter((r) => r.rolled_back_at === null);
  const done = new Map(live.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r.checksum]));
  const failed = live.filter((r) => r.finished_at === null).map((r) => r.migration_name);
  return {
    applied: local.filter((m) => done.has(m.name)).map((m) => m.name),
    pending: local.filter((m) => !done.has(m.name) && !failed.includes(m.name)).map((m) => m.name),
    failed,
    modified: local.filter((m) => done.has(m.name) && done.get(m.name) !== m.checksum).map((m) => m.name),
  };
}

export async function migrationStatus(connectionString: string, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return compareMigrations(readMigrations(dir), await readApplied(client));
  } finally {
    await client.end();
  }
}

export async function migrate(connectionString: string, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const local = readMigrations(dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    await client.query(CREATE_TABLE);
    const before = compareMigrations(local, await readApplied(client));
    if (before.failed.length > 0) {
      throw new MigrationError(
        `burnrate: migration ${before.failed[0]} failed earlier and was not rolled back; fix the database, then run \`npx prisma migrate resolve --rolled-back ${before.failed[0]}\``,
      );
    }
    for (const name of before.modified) logger.warn('migration_modified_after_apply', { migration: name });
    for (const name of before.pending) {
      const migration = local.find((m) => m.name === name)!;
      await applyOne(client, migration);
    }
    return compareMigrations(local, await readApplied(client));
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]).catch(() => undefined);
    await client.end();
  }
}

async function applyOne(client: pg.Client, migration: LocalMigration) {
  const id = randomUUID();
  await client.query(
    'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
    [id, migration.checksum, migration.name],
  );
  const started = performance.now();
  try {
    await client.query('BEGIN');
    await client.query(migration.sql);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    // The transaction undid the migration, so it is recorded as rolled back, as
    // `prisma migrate resolve --rolled-back` would, and the next start retries it.
    await client.query('UPDATE "_prisma_migrations" SET logs = $2, rolled_back_at = now() WHERE id = $1', [id, message]);
    throw new MigrationError(`burnrate: migration ${migration.name} failed: ${message}`);
  }
  await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
  logger.info('migration_applied', { migration: migration.name, ms: Math.round(performance.now() - started) });
}
