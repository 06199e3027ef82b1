import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { progressBar } from '@/cli/progress-bar';
import type { BenchKey } from './bench-keys';
import { createPrng } from './prng';

// Loads one provider hour bucket per key and hour, hour by hour across all keys as pulls
// would write them, with COPY (the fastest path, BENCHMARKS.md section 1). Secondary indexes
// are dropped during the copy and rebuilt from their own definitions, triggers and foreign
// keys are off for the session (the rows are generated for existing keys), and the roll-ups
// are then built by the migration's own backfill, usage_rollup_rebuild().

const HOUR = 3_600_000;
const COPY_SQL = `COPY usage_bucket (key_id, bucket_start, width_seconds, model, region, source, requests,
  input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, cost_usd, cost_source) FROM STDIN`;
// COPY's text format: backslash, tab and newline must be escaped in values.
const copyText = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));

// A key's typical hourly cost (log-normal across keys), shaped by the hour of day and weekday.
const DAY_SHAPE = [0.3, 0.25, 0.2, 0.2, 0.25, 0.35, 0.55, 0.8, 1.1, 1.3, 1.4, 1.45, 1.4, 1.45, 1.5, 1.45, 1.35, 1.2, 1.0, 0.85, 0.7, 0.55, 0.45, 0.35];

function* hourLines(keys: BenchKey[], firstHourMs: number, hours: number, seed: number, onHour: (i: number) => void): Generator<string> {
  const prng = createPrng(seed ^ 0x0a91);
  const base = keys.map(() => prng.logNormal(0.04, 1.3));
  const models = keys.map((k) => copyText(k.models[0]!));
  for (let h = 0; h < hours; h++) {
    const t = firstHourMs + h * HOUR;
    const d = new Date(t);
    const shape = DAY_SHAPE[d.getUTCHours()]! * (d.getUTCDay() === 0 || d.getUTCDay() === 6 ? 0.4 : 1);
    const at = d.toISOString();
    let text = '';
    for (let i = 0; i < keys.length; i++) {
      const cost = base[i]! * shape * (0.6 + 0.8 * prng.next());
      const tokens = Math.round(cost * 400_000);
      const output = Math.round(tokens * 0.15);
      const cached = Math.round(tokens * 0.1);
      text += `${keys[i]!.id}\t${at}\t3600\t${models[i]}\t\tprovider\t${Math.max(1, Math.round(tokens / 1500))}\t${tokens - output - cached}\t${cached}\t0\t${output}\t${cost.toFixed(8)}\tpriced\n`;
    }
    yield text;
    onHour(h + 1);
  }
}

export async function loadHourlyBuckets(
  url: string,
  keys: BenchKey[],
  opts: { hours: number; lastHourMs: number; seed: number },
  log: (line: string) => void,
): Promise<{ rows: number; copyMs: number; indexMs: number; rollupMs: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const indexes = (await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'usage_bucket' AND indexname <> 'usage_bucket_pkey'`,
    )).rows;
    for (const ix of indexes) await client.query(`DROP INDEX ${client.escapeIdentifier(ix.indexname)}`);
    await client.query(`SET session_replication_role = replica`);
    const rows = keys.length * opts.hours;
    const bar = progressBar(`loading ${rows.toLocaleString('en-US')} hourly buckets`);
    const started = Date.now();
    const first = opts.lastHourMs - (opts.hours - 1) * HOUR;
    await pipeline(
      Readable.from(hourLines(keys, first, opts.hours, opts.seed, (h) => h % 24 === 0 && bar.update(h * keys.length, rows, new Date(first + h * HOUR).toISOString().slice(0, 10)))),
      client.query(copyFrom(COPY_SQL)),
    );
    const copyMs = Date.now() - started;
    bar.done(`loaded ${rows.toLocaleString('en-US')} hourly buckets in ${Math.round(copyMs / 1000)} s`);
    await client.query(`SET session_replication_role = DEFAULT`);
    const indexStarted = Date.now();
    for (const ix of indexes) {
      log(`rebuilding index ${ix.indexname}…`);
      await client.query(ix.indexdef);
    }
    const indexMs = Date.now() - indexStarted;
    log('building the roll-ups with usage_rollup_rebuild() (the migration backfill)…');
    const rollupStarted = Date.now();
    await client.query('SELECT usage_rollup_rebuild()');
    const rollupMs = Date.now() - rollupStarted;
    log(`roll-ups built in ${Math.round(rollupMs / 1000)} s; vacuuming and analysing…`);
    // What autovacuum does after a load this size: statistics, and the visibility map that
    // lets the covering roll-up indexes answer without visiting the table.
    await client.query('VACUUM (ANALYZE) usage_bucket, usage_hour, usage_key_day, usage_environment_hour, usage_environment_day, usage_model_day, usage_region_day');
    return { rows, copyMs, indexMs, rollupMs };
  } finally {
    await client.end();
  }
}
