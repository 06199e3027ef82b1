// Writes the SQL migration that takes the schema as of the newest committed migration to
// the working prisma/schema.prisma. The Prisma 7 CLI needs a downloaded engine for this; the
// Prisma 6.19.3 CLI's WASM engine does not (verified offline), so it is installed from npm
// into .data/prisma6 on first use. Even a schema-to-schema diff wants a live Postgres: the
// embedded one. (That CLI refuses --from-url with an adapter, hence the git-based "from".)
//
//   npm run db:diff -- add_budget_notes     writes prisma/migrations/<stamp>_add_budget_notes
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '../lib/db/embedded-postgres';

const root = path.resolve(import.meta.dirname, '..');
const toolDir = path.join(root, '.data', 'prisma6');
const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith('--'));
if (!name?.match(/^[a-z0-9_]+$/)) {
  console.error('usage: npm run db:diff -- <migration_name in snake_case>');
  process.exit(2);
}

if (!existsSync(path.join(toolDir, 'node_modules', 'prisma'))) {
  mkdirSync(toolDir, { recursive: true });
  writeFileSync(path.join(toolDir, 'package.json'), '{"name":"prisma6-diff","private":true,"type":"module"}');
  console.error('installing prisma@6.19.3 into .data/prisma6 (once)…');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', 'prisma@6.19.3', '@prisma/adapter-pg@6.19.3', 'pg@8'], { cwd: toolDir, stdio: 'inherit' });
}
writeFileSync(
  path.join(toolDir, 'prisma.config.ts'),
  `import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'schema.prisma',
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
});
`,
);
const forDiff = (text: string) =>
  text
  .replace('provider = "prisma-client"', 'provider = "prisma-client-js"')
  .replace(/(datasource db \{\s*provider\s*=\s*"postgresql")/, '$1\n  url = env("DATABASE_URL")');
writeFileSync(path.join(toolDir, 'schema.prisma'), forDiff(readFileSync(path.join(root, 'prisma', 'schema.prisma'), 'utf8')));
// The schema as it stood when the newest migration was committed.
const lastMigrationCommit = execFileSync('git', ['log', '-1', '--format=%H', '--', 'prisma/migrations'], { cwd: root, encoding: 'utf8' }).trim();
const from = lastMigrationCommit ? ['--from-schema-datamodel', 'old.prisma'] : ['--from-empty'];
if (lastMigrationCommit) {
  const old = execFileSync('git', ['show', `${lastMigrationCommit}:prisma/schema.prisma`], { cwd: root, encoding: 'utf8' });
  writeFileSync(path.join(toolDir, 'old.prisma'), forDiff(old));
}

const db = await startEmbeddedPostgres({ dataDir: path.join(root, '.data', 'diff'), port: 0, fast: true });
try {
  const database = 'postgres';
  const sql = execFileSync(
    path.join(toolDir, 'node_modules', '.bin', 'prisma'),
    ['migrate', 'diff', ...from, '--to-schema-datamodel', 'schema.prisma', '--script'],
    {
      cwd: toolDir,
      encoding: 'utf8',
      // Any existing file stops the CLI from downloading engines it would not run.
      env: { ...process.env, DATABASE_URL: db.url(database), PRISMA_QUERY_ENGINE_LIBRARY: '/bin/false', PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false' },
    },
  );
  const empty = !/^\s*(CREATE|ALTER|DROP)\b/im.test(sql);
  if (empty) {
    console.log('nothing to migrate: schema.prisma and the newest migration agree');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(root, 'prisma', 'migrations', `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'migration.sql'), sql);
    console.log(`wrote ${path.relative(root, dir)}/migration.sql; review it, then run npm run generate`);
  }
} finally {
  await db.stop();
}

