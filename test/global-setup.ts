import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../lib/db/embedded-postgres';
import { migrate } from '../lib/db/migrate';

// One embedded Postgres for the integration run (its own data folder and a free port, so a
// running `npm start` is left alone), with a migrated template database that each test
// file clones into a database of its own.

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

let db: EmbeddedDatabase | undefined;
// A cluster per run, so two runs (a developer's and an editor's, say) never share one.
const dataDir = `.data/test/run-${process.pid}`;

export async function setup(project: TestProject) {
  db = await startEmbeddedPostgres({ dataDir, port: 0, fast: true });
  const template = 'burnrate_template';
  const admin = db.url('postgres');
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await client.end();
  await db.createDatabase(template);
  await migrate(db.url(template));
  project.provide('pgAdminUrl', admin);
  project.provide('pgTemplate', template);
}

export async function teardown() {
  await db?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
