import os from 'node:os';
import path from 'node:path';
import type { PrismaClient } from '@/generated/prisma/client';
import { createPrisma } from '@/lib/db';
import { hourlyUsage } from '@/lib/usage/hourly-usage';
import { overviewSummary, usageSeries } from '@/lib/usage/overview';
import type { Range, Unit } from '@/lib/usage/overview-schemas';
import { signInAs } from '@/test/sign-in';
import { API_BENCH_HELP, parseApiArgs } from './api-args';
import { rawEnvironmentSeries, rawKeyHours, rawMonthSpend } from './api-baseline';
import { extraBaseline, seedBenchBudgets, timeExtraRoutes } from './api-extra-routes';
import { loadHourlyBuckets } from './api-load';
import { measureWriteCost, type WriteCost } from './api-writes';
import { startBenchCluster } from './bench-cluster';
import { generateBenchKeys } from './bench-keys';
import { installInterruptHandlers, onInterrupt } from './cleanup';
import { createPrng } from './prng';
import { percentile, round } from './stats';

// `npm run bench:api`: 10,000 keys x 90 days of hourly buckets in an embedded Postgres of
// its own, then the route handlers users call (signed in, through route()): the key page's
// chart and the overview's summary, chart and top movers, with p50/p95 over many requests
// on varied keys, ranges and units, one at a time. Beside them, the raw-bucket queries the
// handlers ran before the roll-ups, against the product's roll-up queries, for the ratio.
// Progress on stderr; a table (or with --json one object) on stdout.

const log = (line: string) => process.stderr.write(`${line}\n`);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RANGES: Range[] = ['24h', '7d', '30d', '90d'];
const UNITS: Unit[] = ['cost', 'tokens', 'requests'];

type Handler = (request: Request, context?: { params?: Promise<unknown> }) => Promise<Response>;
type Timing = { p50Ms: number; p95Ms: number; maxMs: number; n: number };

const summarize = (ms: number[]): Timing => ({ p50Ms: round(percentile(ms, 50), 1), p95Ms: round(percentile(ms, 95), 1), maxMs: round(Math.max(...ms), 1), n: ms.length });

async function time(n: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await call(i);
    out.push(performance.now() - t);
  }
  return out;
}

async function main(): Promise<number> {
  const args = parseApiArgs(process.argv.slice(2));
  if (args === 'help') {
    console.log(API_BENCH_HELP);
    return 0;
  }
  installInterruptHandlers(log);
  const loadStart = os.loadavg();
  const dataDir = path.resolve(import.meta.dirname, '..', '.data', 'bench-api', String(process.pid));
  const cluster = await startBenchCluster(dataDir);
  const forget = onInterrupt(cluster.stop);
  let db: PrismaClient | undefined;
  try {
    const keys = generateBenchKeys(args.keys, args.seed);
    const writeCost = args.writeRounds > 0 ? await measureWriteCost(cluster, keys, args.writeRounds, log) : null;
    await cluster.createMigrated('api', keys);
    const url = cluster.url('api');
    db = createPrisma(url, 4);
    const nowMs = Date.now();
    const hours = args.days * 24;
    const load = await loadHourlyBuckets(url, keys, { hours, lastHourMs: Math.floor(nowMs / HOUR) * HOUR, seed: args.seed }, log);
    await seedBenchBudgets(db, keys);

    // The handlers read DATABASE_URL once, on first use.
    process.env.DATABASE_URL = url;
    const { cookie } = await signInAs(db, 'viewer', 'bench@example.com');
    const keySeries = (await import('@/app/api/keys/[id]/series/route')).GET as Handler;
    const summary = (await import('@/app/api/overview/summary/route')).GET as Handler;
    const series = (await import('@/app/api/usage/series/route')).GET as Handler;
    const movers = (await import('@/app/api/overview/movers/route')).GET as Handler;
    const call = async (handler: Handler, url: string, params: Record<string, string> = {}) => {
      const res = await handler(new Request(`http://localhost:3000${url}`, { headers: { cookie } }), { params: Promise.resolve(params) });
      if (res.status !== 200) throw new Error(`bench: ${url} answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };

    const prng = createPrng(args.seed ^ 0x77);
    const pickKey = () => keys[Math.floor(prng.next() * keys.length)]!.id;
    log(`warming up…`);
    await time(20, () => call(keySeries, `/api/keys/x/series?range=30d&unit=cost`, { id: pickKey() }));
    await time(5, () => call(summary, '/api/overview/summary'));

    log(`timing ${args.requests} requests per route handler…`);
    const keyChart90d = await time(args.requests, () => call(keySeries, '/api/keys/x/series?range=90d&unit=cost', { id: pickKey() }));
    const keyChartMixed = await time(args.requests, () => {
      const range = RANGES[Math.floor(prng.next() * RANGES.length)]!;
      const unit = UNITS[Math.floor(prng.next() * UNITS.length)]!;
      return call(keySeries, `/api/keys/x/series?range=${range}&unit=${unit}`, { id: pickKey() });
    });
    const overviewSummaryMs = await time(args.requests, () => call(summary, '/api/overview/summary'));
    const overviewSeriesMs = await time(args.requests, (i) => call(series, `/api/usage/series?range=${RANGES[i % RANGES.length]}&unit=${UNITS[Math.floor(i / RANGES.length) % UNITS.length]}`));
    const overviewMoversMs = await time(args.requests, () => call(movers, '/api/overview/movers'));
    const extra = await timeExtraRoutes({ call, time, prng, keys, requests: args.extraRequests, log });

    let baseline = null;
    if (args.baselineRequests > 0) {
      log(`baseline: ${args.baselineRequests} calls of each raw-bucket query against its roll-up query…`);
      const n = args.baselineRequests;
      // 90 days and the band's 28-day warm-up, in whole hours as the key chart reads them.
      const from = Math.floor((nowMs - 118 * DAY) / HOUR) * HOUR;
      const to = Math.floor(nowMs / HOUR) * HOUR + HOUR;
      const ids = Array.from({ length: n }, pickKey);
      const pair = async (raw: (i: number) => Promise<unknown>, rollup: (i: number) => Promise<unknown>) => {
        const rawMs = summarize(await time(n, raw));
        const rollupMs = summarize(await time(n, rollup));
        return { raw: rawMs, rollup: rollupMs, speedup: round(rawMs.p50Ms / rollupMs.p50Ms, 1) };
      };
      baseline = {
        keyHours90d: await pair((i) => rawKeyHours(db!, ids[i]!, from, to), (i) => hourlyUsage(db!, { keyId: ids[i]! }, from, to)),
        monthSpend: await pair(() => rawMonthSpend(db!, nowMs), () => overviewSummary(db!, nowMs)),
        environmentSeries90d: await pair(() => rawEnvironmentSeries(db!, '90d', nowMs), () => usageSeries(db!, { range: '90d', unit: 'cost' }, nowMs)),
        environmentSeries7d: await pair(() => rawEnvironmentSeries(db!, '7d', nowMs), () => usageSeries(db!, { range: '7d', unit: 'cost' }, nowMs)),
        ...(await extraBaseline(db, keys, nowMs, prng, pair)),
      };
    }

    const routes = {
      keyChart90d: summarize(keyChart90d),
      keyChartMixed: summarize(keyChartMixed),
      overviewSummary: summarize(overviewSummaryMs),
      overviewSeries: summarize(overviewSeriesMs),
      overviewMovers: summarize(overviewMoversMs),
      ...Object.fromEntries(Object.entries(extra).map(([name, ms]) => [name, summarize(ms)])),
    };
    const result = {
      keys: args.keys,
      days: args.days,
      hourlyBuckets: load.rows,
      keyChartP95Ms: Math.max(routes.keyChart90d.p95Ms, routes.keyChartMixed.p95Ms),
      // The slowest of the overview's three handlers; the page calls them in parallel.
      overviewP95Ms: Math.max(routes.overviewSummary.p95Ms, routes.overviewSeries.p95Ms, routes.overviewMovers.p95Ms),
      targets: { keyChartP95Ms: 50, overviewP95Ms: 150 },
      routes,
      baseline,
      writeCost,
      load: { copySeconds: round(load.copyMs / 1000), indexSeconds: round(load.indexMs / 1000), rollupSeconds: round(load.rollupMs / 1000) },
      machine: { cpus: os.cpus().length, loadAvgStart: loadStart.map((l) => round(l, 2)), loadAvgEnd: os.loadavg().map((l) => round(l, 2)), postgres: cluster.serverVersion, node: process.version },
    };
    if (args.json) console.log(JSON.stringify(result));
    else printTable(result);
    return 0;
  } finally {
    await db?.$disconnect();
    const { prisma } = await import('@/lib/db');
    if (process.env.DATABASE_URL) await prisma().$disconnect();
    await cluster.stop();
    forget();
  }
}

function printTable(r: {
  keyChartP95Ms: number;
  overviewP95Ms: number;
  routes: Record<string, Timing>;
  baseline: Record<string, { raw: Timing; rollup: Timing; speedup: number }> | null;
  writeCost: Record<string, WriteCost> | null;
  machine: unknown;
  hourlyBuckets: number;
}) {
  console.log(`${r.hourlyBuckets.toLocaleString('en-US')} hourly buckets`);
  console.log('route handler            p50 ms   p95 ms   max ms      n');
  for (const [name, t] of Object.entries(r.routes)) console.log(`${name.padEnd(24)} ${String(t.p50Ms).padStart(6)} ${String(t.p95Ms).padStart(8)} ${String(t.maxMs).padStart(8)} ${String(t.n).padStart(6)}`);
  console.log(`key chart p95 ${r.keyChartP95Ms} ms (target < 50), overview p95 ${r.overviewP95Ms} ms (target < 150)`);
  if (r.baseline) {
    console.log('query (raw vs roll-up)   raw p50 ms   roll-up p50 ms   speed-up');
    for (const [name, b] of Object.entries(r.baseline)) console.log(`${name.padEnd(24)} ${String(b.raw.p50Ms).padStart(10)} ${String(b.rollup.p50Ms).padStart(16)} ${String(b.speedup).padStart(9)}x`);
  }
  if (r.writeCost) {
    console.log('write (rows/s)           with triggers   without   cost');
    for (const [name, w] of Object.entries(r.writeCost)) console.log(`${name.padEnd(24)} ${String(w.withTriggersRowsPerSec).padStart(13)} ${String(w.withoutTriggersRowsPerSec).padStart(9)} ${String(w.overhead).padStart(6)}x`);
  }
  console.log(`machine ${JSON.stringify(r.machine)}`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(2);
  },
);
