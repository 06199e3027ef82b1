import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import type { PrismaClient } from '@/generated/prisma/client';
import { hoursOfWeek } from '@/lib/detect/spike/local-clock';
import { expectedBand } from '@/lib/keys/expected-band';
import { BAND_WARMUP_MS, keySeries } from '@/lib/keys/key-series';
import { keySeriesSchema } from '@/lib/keys/key-schemas';
import { hourlyUsage } from '@/lib/usage/hourly-usage';
import { seriesWindow } from '@/lib/usage/usage-series';
import { signInAs } from '@/test/sign-in';
import { API_BENCH_HELP, parseApiArgs } from './api-args';
import { loadHourlyBuckets } from './api-load';
import { startBenchCluster } from './bench-cluster';
import { generateBenchKeys } from './bench-keys';
import { installInterruptHandlers, onInterrupt } from './cleanup';
import { createPrng } from './prng';
import { percentile, round } from './stats';

// Where the key chart's time goes: a diagnosis beside `npm run bench:api`, on the same data.
// For each of --requests random keys, one after another, each phase of
// GET /api/keys/[id]/series?range=90d&unit=cost is timed on its own: the SQL (the key's first
// read, then the same again), the session lookup, the band replay (and its local hours
// alone), keySeries, the response schema and JSON; then the whole route on another key.
// GC pauses are summed by kind. Table on stdout, progress on stderr:
//   npx tsx bench/api-key-chart-phases.ts --keys 2000 --days 90

const log = (line: string) => process.stderr.write(`${line}\n`);
const HOUR = 3_600_000;
const WARM_UP = 20;
const GC_KINDS: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weak callbacks' };

type Timer = <T>(name: string, f: () => T | Promise<T>) => Promise<T>;

async function measureKey(db: PrismaClient, time: Timer, keyId: string, otherKeyId: string, cookie: string): Promise<void> {
  const { readSession } = await import('@/lib/auth/session');
  const route = (await import('@/app/api/keys/[id]/series/route')).GET;
  const nowMs = Date.now();
  const window = seriesWindow('90d', nowMs);
  const hoursTo = Math.min(window.toMs, Math.floor(nowMs / HOUR) * HOUR + HOUR);
  const from = window.fromMs - BAND_WARMUP_MS;
  const hours = await time('sql, first read of the key', () => hourlyUsage(db, { keyId }, from, hoursTo));
  await time('sql, same key again', () => hourlyUsage(db, { keyId }, from, hoursTo));
  await time('session lookup', () => readSession(new Headers({ cookie })));
  await time('band: expectedBand (UTC)', () => expectedBand(hours, 'UTC'));
  await time('band: expectedBand (America/New_York)', () => expectedBand(hours, 'America/New_York'));
  await time('band: local hours of week alone', () => hoursOfWeek('UTC', hours.fromMs, hours.cost.length));
  const series = await time('keySeries (lib, same key)', () => keySeries(db, { keyId }, { range: '90d', unit: 'cost' }, nowMs, 'UTC'));
  await time('response: schema and JSON', () => Response.json(keySeriesSchema.parse(series)).arrayBuffer());
  await time('route, whole (another key)', async () => {
    const request = new Request('http://localhost:3000/api/keys/x/series?range=90d&unit=cost', { headers: { cookie } });
    await (await route(request, { params: Promise.resolve({ id: otherKeyId }) })).arrayBuffer();
  });
}

async function main(): Promise<void> {
  const args = parseApiArgs(process.argv.slice(2));
  if (args === 'help') return console.log(API_BENCH_HELP);
  installInterruptHandlers(log);
  const cluster = await startBenchCluster(path.resolve(import.meta.dirname, '..', '.data', 'bench-api', String(process.pid)));
  const forget = onInterrupt(cluster.stop);
  try {
    const keys = generateBenchKeys(args.keys, args.seed);
    await cluster.createMigrated('api', keys);
    const url = cluster.url('api');
    await loadHourlyBuckets(url, keys, { hours: args.days * 24, lastHourMs: Math.floor(Date.now() / HOUR) * HOUR, seed: args.seed }, log);
    // The handlers read DATABASE_URL once, on first use.
    process.env.DATABASE_URL = url;
    const { prisma } = await import('@/lib/db');
    const { cookie } = await signInAs(prisma(), 'viewer', 'bench@example.com');
    const phases = new Map<string, number[]>();
    const time: Timer = async (name, f) => {
      const t = performance.now();
      const result = await f();
      const list = phases.get(name) ?? [];
      list.push(performance.now() - t);
      phases.set(name, list);
      return result;
    };
    const gc: { ms: number; kind: number }[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => gc.push({ ms: e.duration, kind: (e as PerformanceEntry & { detail: { kind: number } }).detail.kind })));
    const prng = createPrng(args.seed ^ 0x5eed);
    const pick = () => keys[Math.floor(prng.next() * keys.length)]!.id;
    for (let i = 0; i < WARM_UP; i++) await measureKey(prisma(), time, pick(), pick(), cookie);
    phases.clear();
    observer.observe({ entryTypes: ['gc'] });
    for (let i = 0; i < args.requests; i++) await measureKey(prisma(), time, pick(), pick(), cookie);
    observer.disconnect();

    console.log(`${args.keys} keys x ${args.days} days, ${args.requests} keys; load average ${os.loadavg().map((l) => round(l, 2)).join(' ')}`);
    console.log(`${'phase'.padEnd(40)} p50 ms   p95 ms   max ms`);
    const ms = (n: number) => String(round(n, 2)).padStart(8);
    for (const [name, t] of phases) console.log(`${name.padEnd(38)} ${ms(percentile(t, 50))} ${ms(percentile(t, 95))} ${ms(Math.max(...t))}`);
    const byKind = new Map<string, number>();
    for (const g of gc) byKind.set(GC_KINDS[g.kind] ?? String(g.kind), (byKind.get(GC_KINDS[g.kind] ?? String(g.kind)) ?? 0) + g.ms);
    console.log(`gc: ${gc.length} pauses, ${[...byKind].map(([k, t]) => `${k} ${round(t)} ms`).join(', ')}; longest ${round(Math.max(0, ...gc.map((g) => g.ms)), 1)} ms`);
  } finally {
    const { prisma } = await import('@/lib/db');
    if (process.env.DATABASE_URL) await prisma().$disconnect();
    await cluster.stop();
    forget();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(2);
  },
);
