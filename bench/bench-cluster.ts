import { readdirSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { PrismaClient } from '@/generated/prisma/client';
import { createPrisma } from '@/lib/db';
import { startEmbeddedPostgres } from '@/lib/db/embedded-postgres';
import { migrate } from '@/lib/db/migrate';
import { BENCH_ENVIRONMENTS, type BenchKey } from './bench-keys';

// One embedded Postgres 18 per benchmark run, with the same durable settings `npm start`
// uses (fsync on; not the tests' `fast` option), in a data folder of its own that is
// removed afterwards. Databases are cloned from a migrated template that already holds the
// API keys, so every method starts from the same state.

export type BenchCluster = {
  adminUrl: string;
  serverVersion: string;
  url: (database: string) => string;
  createMigrated: (name: string, keys: BenchKey[]) => Promise<void>;
  clone: (name: string, template: string) => Promise<void>;
  drop: (name: string) => Promise<void>;
  stop: () => Promise<void>;
};

export async function startBenchCluster(dataDir: string): Promise<BenchCluster> {
  const db = await startEmbeddedPostgres({ dataDir, port: 0 });
  const adminUrl = db.url('postgres');
  const admin = async <T>(f: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await f(client);
    } finally {
      await client.end();
    }
  };
  let stopping: Promise<void> | undefined;
  const serverVersion = await admin(async (c) => String((await c.query('SHOW server_version')).rows[0]?.server_version ?? 'unknown'));
  return {
    adminUrl,
    serverVersion,
    url: db.url,
    async createMigrated(name, keys) {
      await db.createDatabase(name);
      await migrate(db.url(name));
      const prisma = createPrisma(db.url(name), 2);
      try {
        await seedBenchKeys(prisma, keys);
      } finally {
        await prisma.$disconnect();
      }
    },
    clone: (name, template) => db.createDatabase(name, template),
    drop: (name) => admin((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)).then(() => undefined),
    // Idempotent: an interrupt and the `finally` that follows it may both ask.
    stop: () => (stopping ??= db.stop().then(() => removeRunDir(dataDir))),
  };
}

export async function seedBenchKeys(prisma: PrismaClient, keys: BenchKey[]): Promise<void> {
  await prisma.environment.createMany({ data: BENCH_ENVIRONMENTS.map((name) => ({ name })), skipDuplicates: true });
  await prisma.apiKey.createMany({
    data: keys.map((k) => ({ id: k.id, provider: k.provider, providerKeyId: k.providerKeyId, name: k.name, environment: k.environment })),
  });
}

// Removes a run's folder, and its parent too once no other run is using it.
export function removeRunDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  const parent = path.dirname(dir);
  try {
    if (readdirSync(parent).length === 0) rmdirSync(parent);
  } catch {
    // already gone, or another run's folder appeared meanwhile
  }
}
