#!/usr/bin/env node
// `prisma generate` never runs the schema engine, but the CLI downloads one unless the
// variable below names an existing file; that download fails offline. /bin/false is enough.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let cli;
try {
  cli = require.resolve('prisma/build/index.js');
} catch {
  // Production installs without devDependencies ship a client generated in the image.
  if (existsSync(new URL('../generated/prisma/client.ts', import.meta.url))) process.exit(0);
  console.error('burnrate: the prisma CLI is missing; run `npm install` (with dev dependencies).');
  process.exit(1);
}
const engine = process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? (existsSync('/bin/false') ? '/bin/false' : process.execPath);
const result = spawnSync(process.execPath, [cli, 'generate'], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: engine, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
});
process.exit(result.status ?? 1);
