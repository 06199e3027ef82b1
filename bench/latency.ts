import os from 'node:os';
import path from 'node:path';
import { readDetectCursor } from '@/lib/detect/run/detect-cursor';
import { installInterruptHandlers } from './cleanup';
import { LATENCY_HELP, parseLatencyArgs } from './latency-args';
import { ingestedRun, pulledRun, type LatencyRun } from './latency-runs';
import { setUpLatencyBed, type LatencyBed } from './latency-setup';
import { formatLatency, summariseLatency } from './latency-summary';
import { MINUTE } from './latency-traffic';

// `npm run bench:latency`: end-to-end alert latency. A burst of usage starts at its source
// (the fake OpenAI's 1-minute buckets, or a gateway posting ingest events) and the clock
// stops when the fake PagerDuty receives the trigger. Progress on stderr; the table (or with
// --json one object) on stdout.

// The product's own logs go to stderr too; warnings and errors are enough next to progress.
process.env.LOG_LEVEL ??= 'warn';
const log = (line: string) => process.stderr.write(`${line}\n`);
const SETTLE_TIMEOUT_MS = 5 * 60_000;

// The first detection run replays the loaded history (recorded, never paged); the runs start
// once detection has caught up with the present.
async function settle(bed: LatencyBed): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const cursor = (await readDetectCursor(bed.db)) ?? 0;
    const done = await bed.db.jobRun.count({ where: { job: 'detect', status: 'succeeded' } });
    if (done > 0 && cursor >= Math.floor(Date.now() / MINUTE) * MINUTE - 2 * MINUTE) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`bench: detection did not catch up within ${SETTLE_TIMEOUT_MS / 60_000} min`);
}

async function main(): Promise<number> {
  const args = parseLatencyArgs(process.argv.slice(2));
  if (args === 'help') {
    console.log(LATENCY_HELP);
    return 0;
  }
  installInterruptHandlers(log);
  const root = path.resolve(import.meta.dirname, '..');
  const dataDir = path.join(root, '.data', 'bench-latency', `run-${process.pid}`);
  const loadStart = os.loadavg();
  const t0 = Date.now();
  const bed = await setUpLatencyBed({ dataDir, historyDays: args.historyDays, keysPerPath: args.runs + 1, ingest: args.only !== 'pulled', flushMs: args.flushMs }, log);
  const pulled: LatencyRun[] = [];
  const ingested: LatencyRun[] = [];
  let setupSeconds = 0;
  try {
    log('waiting for detection to catch up with the present');
    await settle(bed);
    setupSeconds = (Date.now() - t0) / 1000;
    const used = new Set<string>();
    if (args.only !== 'ingested') {
      log(`== pulled usage: ${args.runs} bursts at the fake OpenAI`);
      for (let i = 0; i < args.runs; i++) pulled.push(await pulledRun(bed, i, args.runs, args, used, log));
    }
    if (args.only !== 'pulled') {
      log(`== ingested usage: ${args.runs} bursts through POST /api/ingest/events`);
      for (let i = 0; i < args.runs; i++) ingested.push(await ingestedRun(bed, i, args.runs, args, used, log));
    }
  } finally {
    log('stopping what was started');
    await bed.stop();
  }
  const summary = summariseLatency(args, pulled, ingested, { start: loadStart, end: os.loadavg() }, { seconds: setupSeconds });
  console.log(args.json ? JSON.stringify(summary) : formatLatency(summary));
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
