import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { migrate, migrationStatus, readMigrations } from './migrate';

// Each case gets an empty database (not the migrated template) and its own migrations folder.
const adminUrl = inject('pgAdminUrl');
const created: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = `m_${Math.random().toString(36).slice(2, 10)}`;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  created.push(name);
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'burnrate-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
});

describe('migrate', () => {
  let url: string;
  beforeAll(async () => {
    url = await emptyDatabase();
  });

  it('applies the committed migrations and records them as Prisma does', async () => {
    const status = await migrate(url);
    const local = readMigrations();
    expect(status.pending).toEqual([]);
    expect(status.applied).toEqual(local.map((m) => m.name));
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; rolled_back_at: Date | null; id: string }>(
      url,
      'SELECT * FROM "_prisma_migrations" ORDER BY started_at',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(createHash('sha256').update(local[i]!.sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const tables = await query<{ n: string }>(url, "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'usage_bucket'");
    expect(tables[0]!.n).toBe('1');
  });

  it('is a no-op the second time', async () => {
    const before = await query(url, 'SELECT id FROM "_prisma_migrations"');
    const status = await migrate(url);
    expect(status.pending).toEqual([]);
    expect(await query(url, 'SELECT id FROM "_prisma_migrations"')).toEqual(before);
  });
});

describe('migrate with a failing migration', () => {
  it('rolls the failing one back, records why, and applies it once fixed', async () => {
    const url = await emptyDatabase();
    const dir = migrationsDir({
      '001_ok': 'CREATE TABLE a (id int);',
      '002_bad': 'CREATE TABLE b (id int); INSERT INTO nope VALUES (1);',
    });
    await expect(migrate(url, dir)).rejects.toThrow(/002_bad failed: relation "nope" does not exist/);
    const tables = await query<{ table_name: string }>(url, "SELECT table_name FROM information_schema.tables WHERE table_name IN ('a','b')");
    expect(tables.map((t) => t.table_name)).toEqual(['a']); // b was rolled back with its migration
    const rows = await query<{ migration_name: string; rolled_back_at: Date | null; logs: string | null }>(url, 'SELECT * FROM "_prisma_migrations" ORDER BY started_at');
    expect(rows[1]).toMatchObject({ migration_name: '002_bad' });
    expect(rows[1]!.rolled_back_at).toBeInstanceOf(Date);
    expect(rows[1]!.logs).toMatch(/nope/);

    writeFileSync(path.join(dir, '002_bad', 'migration.sql'), 'CREATE TABLE b (id int);');
    const status = await migrate(url, dir);
    expect(status.applied).toEqual(['001_ok', '002_bad']);
    expect((await migrationStatus(url, dir)).pending).toEqual([]);
  });

  it('lets only one of two concurrent migrators apply each migration', async () => {
    const url = await emptyDatabase();
    const dir = migrationsDir({ '001_slow': 'SELECT pg_sleep(0.3); CREATE TABLE c (id int);' });
    await Promise.all([migrate(url, dir), migrate(url, dir)]);
    const rows = await query(url, 'SELECT * FROM "_prisma_migrations" WHERE finished_at IS NOT NULL');
    expect(rows).toHaveLength(1);
  });

  it('refuses to go on past a migration that failed outside its transaction', async () => {
    const url = await emptyDatabase();
    const dir = migrationsDir({ '001_ok': 'CREATE TABLE d (id int);' });
    await migrate(url, dir);
    await query(url, `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('00000000-0000-4000-8000-000000000000', 'x', '002_half')`);
    await expect(migrate(url, dir)).rejects.toThrow(/002_half failed earlier/);
  });
});
