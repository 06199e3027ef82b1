import path from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { createPrisma } from '@/lib/db';
import { createIngestToken } from '@/lib/ingest/ingest-tokens';
import { findFreePort } from '@/lib/net/ports';
import { startApp, type RunningApp } from './app-process';
import { generateBenchKeys } from './bench-keys';
import { removeRunDir, startBenchCluster } from './bench-cluster';
import { onInterrupt } from './cleanup';
import type { EventTotals } from './ingest-events';
import type { LoadResult } from './load-result';
import { runLoad } from './run-load';

// Part 2: the ingest endpoint of the real app under load. Our own embedded Postgres (durable
// settings), migrated and given the keys and an ingest token, is handed to
// `burnrate start` as DATABASE_URL; the load comes from a second process.

export type IngestBenchOptions = {
  keys: number;
  seed: number;
  concurrency: number;
  batch: number;
  durationMs: number;
  maxRequests: number;
  redeliveryShare: number;
  dataDir: string;
};
export type StoredIngest = EventTotals & { buckets: number; requests: number; ingestEvents: number };
export type IngestBenchResult = { health: LoadResult; events: LoadResult; stored: StoredIngest };

const HEALTH_MS = 5_000;

export async function runIngestBench(o: IngestBenchOptions, log: (line: string) => void): Promise<IngestBenchResult> {
  const keys = generateBenchKeys(o.keys, o.seed);
  const cluster = await startBenchCluster(path.join(o.dataDir, 'db'));
  let app: RunningApp | undefined;
  let stopping: Promise<void> | undefined;
  // App first, then its database, then the run's folder; the same on success, failure or Ctrl-C.
  const stopAll = () =>
    (stopping ??= (async () => {
      if (app) {
        log('stopping the app (SIGINT)');
        await app.stop();
      }
      await cluster.stop();
      removeRunDir(o.dataDir);
    })());
  const forget = onInterrupt(stopAll);
  try {
    await cluster.createMigrated('burnrate', keys);
    const url = cluster.url('burnrate');
    const prisma = createPrisma(url, 2);
    const token = await createIngestToken(prisma, { name: 'bench-load' }).finally(() => prisma.$disconnect());
    const port = await findFreePort();
    log(`starting the app on 127.0.0.1:${port} (it builds the web app first if its sources changed)`);
    app = await startApp({ port, dataDir: path.join(o.dataDir, 'app'), databaseUrl: url, log });
    const common = { concurrency: o.concurrency, maxRequests: o.maxRequests, keys: o.keys, seed: o.seed };
    log(`baseline: GET /api/health, ${o.concurrency} in flight, ${Math.min(HEALTH_MS, o.durationMs) / 1000} s`);
    const health = await runLoad({ ...common, url: `${app.url}/api/health`, mode: 'health', batch: 1, durationMs: Math.min(HEALTH_MS, o.durationMs), warmup: o.concurrency, redelivery: 0 }, log);
    log(`load: POST /api/ingest/events, ${o.concurrency} in flight, ${o.batch} events per request, ${o.durationMs / 1000} s or ${o.maxRequests} requests`);
    const events = await runLoad(
      { ...common, url: `${app.url}/api/ingest/events`, mode: 'events', token: token.token, batch: o.batch, durationMs: o.durationMs, warmup: 2 * o.concurrency, redelivery: o.redeliveryShare },
      log,
    );
    const stored = await readStoredIngest(url);
    assertIngestStored(events, stored);
    log(`verified: ${stored.ingestEvents} events stored once each in ${stored.buckets} buckets, totals equal what was sent`);
    return { health, events, stored };
  } finally {
    await stopAll();
    forget();
  }
}

const storedRow = z.object({
  ingest_events: z.coerce.number(),
  buckets: z.coerce.number(),
  requests: z.coerce.number(),
  input: z.coerce.number(),
  cached: z.coerce.number(),
  write: z.coerce.number(),
  output: z.coerce.number(),
  cost_micros: z.coerce.number(),
});

// All widths: the app's roll-up job may move minute buckets into hour buckets meanwhile.
async function readStoredIngest(url: string): Promise<StoredIngest> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query(`
      SELECT (SELECT count(*) FROM ingest_event) AS ingest_events, count(*) AS buckets, coalesce(sum(requests), 0) AS requests,
        coalesce(sum(input_tokens), 0) AS input, coalesce(sum(cached_input_tokens), 0) AS cached, coalesce(sum(cache_write_tokens), 0) AS write,
        coalesce(sum(output_tokens), 0) AS output, (coalesce(sum(cost_usd), 0) * 1000000)::bigint AS cost_micros
      FROM usage_bucket WHERE source = 'ingest'`);
    const r = storedRow.parse(res.rows[0]);
    return {
      ingestEvents: r.ingest_events,
      buckets: r.buckets,
      requests: r.requests,
      events: r.requests,
      inputTokens: r.input,
      cachedInputTokens: r.cached,
      cacheWriteTokens: r.write,
      outputTokens: r.output,
      costMicros: r.cost_micros,
    };
  } finally {
    await client.end();
  }
}

function assertIngestStored(load: LoadResult, stored: StoredIngest): void {
  const problems: string[] = [];
  if (load.failed > 0 || load.uncertain > 0) problems.push(`${load.failed} requests failed (${load.uncertain} with unknown outcome), first: ${load.firstError}`);
  const sent = load.stored;
  const pairs: [string, number, number][] = [
    ['stored ingest events', stored.ingestEvents, sent.events],
    ['bucket requests', stored.requests, sent.events],
    ['input tokens', stored.inputTokens, sent.inputTokens],
    ['cached input tokens', stored.cachedInputTokens, sent.cachedInputTokens],
    ['cache write tokens', stored.cacheWriteTokens, sent.cacheWriteTokens],
    ['output tokens', stored.outputTokens, sent.outputTokens],
    ['cost (micro-USD)', stored.costMicros, sent.costMicros],
    ['events the server accepted', load.serverAccepted, sent.events],
    ['duplicates the server reported', load.serverDuplicates, load.expectedDuplicates],
  ];
  for (const [what, actual, expected] of pairs) if (actual !== expected) problems.push(`${what}: ${actual}, expected ${expected}`);
  if (problems.length > 0) throw new Error(`bench: the ingest endpoint did not store what was sent: ${problems.join('; ')}`);
}
