import os from 'node:os';
import path from 'node:path';
import { runIngestBench, type IngestBenchResult } from './app-bench';
import { BENCH_HELP, parseBenchArgs } from './bench-args';
import { formatSummary, summarise } from './bench-summary';
import { installInterruptHandlers } from './cleanup';
import { runDatabaseBench, type DatabaseBenchResult } from './db-bench';

// `npm run bench:ingest`: (1) usage-bucket writes, our upsert against Prisma createMany and
// COPY, on one embedded Postgres; (2) the ingest endpoint of the running app under load from
// a second process. Progress on stderr; the table (or with --json one object) on stdout.

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args === 'help') {
    console.log(BENCH_HELP);
    return 0;
  }
  installInterruptHandlers(log);
  const root = path.resolve(import.meta.dirname, '..');
  const run = `run-${process.pid}`;
  const loadStart = os.loadavg();
  let db: DatabaseBenchResult | undefined;
  let ingest: IngestBenchResult | undefined;
  if (args.only !== 'ingest') {
    log(`== database writes (${args.rows} rows, deliveries of ${args.chunk}, ${args.redeliveryShare * 100}% re-delivered, ${args.repeats} run(s) each)`);
    const dataDir = path.join(root, '.data', 'bench', run);
    db = await runDatabaseBench({ ...args, dataDir }, log);
  }
  if (args.only !== 'db') {
    log('== ingest endpoint under load');
    const dataDir = path.join(root, '.data', 'bench-app', run);
    ingest = await runIngestBench({ ...args, dataDir }, log);
  }
  const summary = summarise(args, db, ingest, { start: loadStart, end: os.loadavg() });
  console.log(args.json ? JSON.stringify(summary) : formatSummary(summary));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) log(error.stack ?? '');
    process.exit(1);
  },
);
