import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { PrismaClient } from '@/generated/prisma/client';
import { startFakeOpenAI, type FakeOpenAI } from '@/fakes/openai-admin-server';
import { startFakePagerDuty, type FakePagerDuty } from '@/fakes/pagerduty-events-server';
import { jobHandlers } from '@/jobs/handlers';
import { startScheduler, type Scheduler } from '@/jobs/scheduler';
import { createRoute } from '@/lib/alerts/alert-routes';
import { createRouteSchema } from '@/lib/alerts/alert-route-schemas';
import { backfillConnection } from '@/lib/collect/backfill';
import { pullConnection } from '@/lib/collect/pull-connection';
import { DAY } from '@/lib/collect/windows';
import { createPrisma } from '@/lib/db';
import type { DemoKey } from '@/lib/demo/demo-keys';
import { createIngestToken } from '@/lib/ingest/ingest-tokens';
import { findFreePort } from '@/lib/net/ports';
import { PROVIDERS } from '@/lib/providers/registry';
import { upsertUsageBuckets } from '@/lib/usage/upsert-usage-buckets';
import { startApp, type RunningApp } from './app-process';
import { removeRunDir, startBenchCluster } from './bench-cluster';
import { onInterrupt } from './cleanup';
import { ingestHistory, startGateway, type Gateway } from './latency-gateway';
import { benchKeys, MINUTE, PlantableTraffic } from './latency-traffic';

// Everything the runs need, in this process where possible: an embedded Postgres (durable
// settings), a fake OpenAI at 1-minute buckets with days of history loaded through the real
// collection code (as `start` does on a first run), a fake PagerDuty with a production
// route, the scheduler with the product's job handlers and cron, and for the ingest path the
// real app (`burnrate start`, its own scheduler off) with a gateway sending to it.

const ADMIN_KEY_ENV = 'BENCH_LATENCY_OPENAI_ADMIN_KEY';
const ADMIN_KEY = 'sk-admin-bench-latency-fake';
const ROUTING_KEY = 'benchlatencybenchlatencybenchlat'; // obviously fake, 32 characters
const STOP_TIMEOUT_MS = 30_000;

export type LatencyBed = {
  db: PrismaClient;
  traffic: PlantableTraffic;
  pagerDuty: FakePagerDuty;
  keyIds: Map<string, string>; // provider key id -> Burnrate key id
  pulledKeys: DemoKey[];
  ingestedKeys: DemoKey[];
  gateway?: Gateway;
  /** The scheduler can be stopped and started again: its cron then ticks at that second. */
  stopScheduler: () => Promise<void>;
  startScheduler: () => Promise<void>;
  stop: () => Promise<void>;
};

const withTimeout = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`bench: ${what} did not stop within ${ms / 1000} s`)), ms).unref())]);

export async function setUpLatencyBed(o: { dataDir: string; historyDays: number; keysPerPath: number; ingest: boolean; flushMs: number }, log: (line: string) => void): Promise<LatencyBed> {
  process.env.BURNRATE_MASTER_KEY ??= randomBytes(32).toString('base64'); // the route's secret, here and in the app
  process.env.BURNRATE_SCHEDULER = 'off'; // for the app: this process runs the jobs
  process.env[ADMIN_KEY_ENV] = ADMIN_KEY;
  const cluster = await startBenchCluster(path.join(o.dataDir, 'db'));
  const parts: { name: string; stop: () => Promise<unknown> }[] = [{ name: 'postgres', stop: () => cluster.stop() }];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const part of parts.reverse()) await withTimeout(part.stop(), STOP_TIMEOUT_MS, part.name).catch((error: unknown) => log(`bench: ${String(error)}`));
      removeRunDir(o.dataDir);
    })());
  const forget = onInterrupt(stop);
  parts.unshift({ name: 'interrupt handler', stop: async () => forget() });
  try {
    await cluster.createMigrated('burnrate', []);
    const url = cluster.url('burnrate');
    const db = createPrisma(url, 10);
    parts.push({ name: 'prisma', stop: () => db.$disconnect() });

    const pulledKeys = benchKeys('pulled', o.keysPerPath);
    const ingestedKeys = benchKeys('ingested', o.ingest ? o.keysPerPath : 0);
    const traffic = new PlantableTraffic(pulledKeys);
    const openai: FakeOpenAI = await startFakeOpenAI({ traffic, adminKey: ADMIN_KEY });
    parts.push({ name: 'fake OpenAI', stop: () => openai.stop() });
    const connection = await db.providerConnection.create({ data: { name: 'Latency bench OpenAI', provider: 'openai', baseUrl: openai.baseURL, credentialEnv: ADMIN_KEY_ENV }, select: { id: true } });
    const deps = { providers: PROVIDERS, env: process.env };
    const now = Date.now();
    log(`loading ${o.historyDays} days of minute usage for ${pulledKeys.length} keys from the fake OpenAI (keys, then backfill)`);
    await pullConnection(db, connection.id, 'keys', now, deps);
    const loaded = await backfillConnection(db, connection.id, now - o.historyDays * DAY, now, deps);
    log(`  ${loaded.written} provider buckets in ${((Date.now() - now) / 1000).toFixed(1)} s`);

    if (ingestedKeys.length) {
      await db.apiKey.createMany({ data: ingestedKeys.map((k) => ({ provider: 'openai' as const, providerKeyId: k.providerKeyId, name: k.name, environment: k.environment })) });
    }
    const keyIds = new Map((await db.apiKey.findMany({ select: { id: true, providerKeyId: true } })).map((k) => [k.providerKeyId, k.id]));
    const historyEnd = Math.floor(Date.now() / MINUTE) * MINUTE;
    if (ingestedKeys.length) {
      const rows = ingestHistory(ingestedKeys, keyIds, historyEnd - o.historyDays * DAY, historyEnd);
      await upsertUsageBuckets(db, rows, 'replace');
      log(`  ${rows.length} ingest buckets of ${ingestedKeys.length} ingest-only keys (their usual traffic, as a gateway reported it)`);
    }

    const pagerDuty = await startFakePagerDuty();
    parts.push({ name: 'fake PagerDuty', stop: () => pagerDuty.stop() });
    const route = createRouteSchema.parse({ channel: 'pagerduty', name: 'Bench PagerDuty (production)', target: ROUTING_KEY, minSeverity: 'error', environments: ['production'] });
    await createRoute(db, route, { id: null, label: 'bench' });

    let gateway: Gateway | undefined;
    if (o.ingest) {
      const token = await createIngestToken(db, { name: 'bench-latency' });
      const port = await findFreePort();
      log(`starting the app on 127.0.0.1:${port} for the ingest endpoint (it builds the web app first if its sources changed)`);
      // A start that fails stops the app itself.
      const app: RunningApp = await startApp({ port, dataDir: path.join(o.dataDir, 'app'), databaseUrl: url, log });
      parts.push({ name: 'app', stop: () => app.stop() });
      gateway = startGateway({ url: app.url, token: token.token, keys: ingestedKeys, fromMs: historyEnd, flushMs: o.flushMs, log });
      parts.push({ name: 'gateway', stop: () => gateway!.stop() });
    }
    // One set of handlers for every scheduler start: the detection engine keeps its baselines.
    const handlers = jobHandlers(db, deps, new Date(), { timezone: 'UTC', dataDir: o.dataDir, pagerDutyUrl: pagerDuty.url });
    let quiet = false;
    let scheduler: Scheduler | undefined;
    const startJobs = async () => (scheduler = await startScheduler(url, handlers, { quiet: () => quiet }));
    parts.push({
      name: 'scheduler',
      stop: async () => {
        quiet = true;
        await scheduler?.stop();
      },
    });
    await startJobs();
    log('scheduler started (cron on); the first detection run replays the history');

    return {
      db,
      traffic,
      pagerDuty,
      keyIds,
      pulledKeys,
      ingestedKeys,
      gateway,
      async stopScheduler() {
        quiet = true;
        await scheduler?.stop();
        scheduler = undefined;
      },
      async startScheduler() {
        quiet = false;
        await startJobs();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
