import pg from 'pg';
import { createPrisma } from '@/lib/db';
import { generateBenchKeys } from './bench-keys';
import { startBenchCluster, type BenchCluster } from './bench-cluster';
import { onInterrupt } from './cleanup';
import { median, perSecond, round } from './stats';
import { DIAGNOSIS_METHODS } from './upsert-variants';
import { generateUsageRows, planDeliveries, type UsageWorkload } from './usage-rows';
import { assertTableState, expectedFingerprint, readTableState, type TableState } from './verify-table';
import { copyMethod, createManyMethod, upsertMethod, type WriteMethod, type WriteTarget } from './write-methods';

// Part 1: the same deliveries written by our upsert, by Prisma createMany and by COPY, each
// into a fresh clone of one migrated template, timed, then checked row by row.

export type DatabaseBenchOptions = { rows: number; keys: number; chunk: number; redeliveryShare: number; repeats: number; seed: number; dataDir: string; diagnose: boolean };
export type Run = { rows: number; ms: number; rowsPerSec: number };
export type MethodResult = { method: string; rowsPerSec: number; runs: Run[] };
export type DatabaseBenchResult = {
  postgres: string;
  workload: { uniqueRows: number; delivered: number; redelivered: number; redeliveryShare: number; deliveries: number; chunk: number; keys: number; minutes: number };
  upsert: MethodResult;
  createMany: MethodResult;
  copy: MethodResult;
  diagnosis?: { methods: MethodResult[] };
};

const TEMPLATE = 'bench_template';


export async function timeWrite(cluster: BenchCluster, method: WriteMethod, workload: UsageWorkload, expected: TableState, database: string): Promise<Run> {
  await cluster.clone(database, TEMPLATE);
  const prisma = createPrisma(cluster.url(database), 1);
  const client = new pg.Client({ connectionString: cluster.url(database) });
  try {
    await client.connect();
    await prisma.$queryRaw`SELECT 1`; // connect outside the timing
    await client.query('CHECKPOINT'); // the previous method's dirty pages are not this one's cost
    const target: WriteTarget = { prisma, pg: client };
    const started = performance.now();
    const rows = await method.write(target, workload.deliveries);
    const ms = performance.now() - started;
    assertTableState(method.name, await readTableState(client), expected);
    return { rows, ms: round(ms, 1), rowsPerSec: round(perSecond(rows, ms)) };
  } finally {
    await prisma.$disconnect();
    await client.end().catch(() => undefined);
    await cluster.drop(database);
  }
}

export async function runDatabaseBench(options: DatabaseBenchOptions, log: (line: string) => void): Promise<DatabaseBenchResult> {
  const keys = generateBenchKeys(options.keys, options.seed);
  const rows = generateUsageRows(keys, options.rows, options.seed);
  const workload = planDeliveries(rows, options.chunk, options.redeliveryShare, options.seed);
  const expected: TableState = { fingerprint: expectedFingerprint(rows), totals: workload.totals };
  const minutes = (rows.at(-1)!.bucketStart.getTime() - rows[0]!.bucketStart.getTime()) / 60_000 + 1;
  log(`workload: ${rows.length} unique rows + ${workload.redelivered} re-delivered in ${workload.deliveries.length} deliveries of ${options.chunk}, ${keys.length} keys, ${minutes} minutes`);

  const methods = [upsertMethod, createManyMethod, copyMethod, ...(options.diagnose ? DIAGNOSIS_METHODS : [])];
  const runs = new Map<WriteMethod, Run[]>(methods.map((m) => [m, []]));
  const cluster = await startBenchCluster(options.dataDir);
  log(`Postgres ${cluster.serverVersion} (embedded, durable settings) in ${options.dataDir}`);
  const forget = onInterrupt(cluster.stop);
  try {
    await cluster.createMigrated(TEMPLATE, keys);
    for (let rep = 0; rep < options.repeats; rep++) {
      // Rotating the order keeps any warm-up or checkpoint effect from favouring one method.
      const order = methods.map((_, i) => methods[(i + rep) % methods.length]!);
      for (const [i, method] of order.entries()) {
        const run = await timeWrite(cluster, method, workload, expected, `bench_${rep}_${i}`);
        runs.get(method)!.push(run);
        log(`run ${rep + 1}/${options.repeats} ${method.name}: ${run.rows} rows in ${run.ms} ms = ${run.rowsPerSec} rows/s (verified)`);
      }
    }
  } finally {
    await cluster.stop();
    forget();
  }
  const result = (m: WriteMethod): MethodResult => ({ method: m.name, rowsPerSec: round(median(runs.get(m)!.map((r) => r.rowsPerSec))), runs: runs.get(m)! });
  return {
    postgres: cluster.serverVersion,
    workload: {
      uniqueRows: rows.length,
      delivered: workload.delivered,
      redelivered: workload.redelivered,
      redeliveryShare: round(workload.redelivered / workload.delivered, 4),
      deliveries: workload.deliveries.length,
      chunk: options.chunk,
      keys: keys.length,
      minutes,
    },
    upsert: result(upsertMethod),
    createMany: result(createManyMethod),
    copy: result(copyMethod),
    diagnosis: options.diagnose ? { methods: DIAGNOSIS_METHODS.map(result) } : undefined,
  };
}
