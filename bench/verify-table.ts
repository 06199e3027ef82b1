import { createHash } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import type { BenchRow, UsageTotals } from './usage-rows';

// A benchmark of a broken write is worthless: after each method the table must hold exactly
// the expected rows. Both sides render every row as one line, sort the lines bytewise (the
// cluster uses the C locale) and hash them, so any missing, extra or altered row shows.

export type TableState = { fingerprint: string; totals: UsageTotals };

const LINE_SQL = `concat_ws('|', key_id::text, (extract(epoch FROM bucket_start) * 1000)::bigint, width_seconds, model, region, source::text,
  requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, cost_usd::text, cost_source::text)`;

const stateRow = z.object({
  fingerprint: z.string().nullable(),
  rows: z.coerce.number(),
  requests: z.coerce.bigint(),
  input: z.coerce.bigint(),
  cached: z.coerce.bigint(),
  write: z.coerce.bigint(),
  output: z.coerce.bigint(),
  cost_units: z.coerce.bigint(),
});

function rowLine(r: BenchRow): string {
  return [r.keyId, r.bucketStart.getTime(), r.widthSeconds, r.model, r.region, r.source, r.requests, r.inputTokens, r.cachedInputTokens, r.cacheWriteTokens, r.outputTokens, r.costText, r.costSource].join('|');
}

export function expectedFingerprint(rows: BenchRow[]): string {
  const lines = rows.map(rowLine).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('md5').update(lines.join('\n')).digest('hex');
}

export async function readTableState(client: pg.Client): Promise<TableState> {
  const res = await client.query(`
    SELECT md5(string_agg(line, E'\\n' ORDER BY line COLLATE "C")) AS fingerprint, count(*) AS rows,
      coalesce(sum(requests), 0) AS requests, coalesce(sum(input_tokens), 0) AS input, coalesce(sum(cached_input_tokens), 0) AS cached,
      coalesce(sum(cache_write_tokens), 0) AS write, coalesce(sum(output_tokens), 0) AS output,
      coalesce(sum(cost_usd) * 100000000, 0)::bigint AS cost_units
    FROM (SELECT ${LINE_SQL} AS line, * FROM usage_bucket) AS t`);
  const s = stateRow.parse(res.rows[0]);
  return {
    fingerprint: s.fingerprint ?? '',
    totals: { rows: s.rows, requests: s.requests, inputTokens: s.input, cachedInputTokens: s.cached, cacheWriteTokens: s.write, outputTokens: s.output, costUnits: s.cost_units },
  };
}

// Throws with what differs; returns nothing when the table is exactly as expected.
export function assertTableState(method: string, actual: TableState, expected: TableState): void {
  const diffs = (Object.keys(expected.totals) as (keyof UsageTotals)[])
    .filter((k) => actual.totals[k] !== expected.totals[k])
    .map((k) => `${k} ${String(actual.totals[k])} (expected ${String(expected.totals[k])})`);
  if (actual.fingerprint !== expected.fingerprint) diffs.push('row contents differ from the rows sent');
  if (diffs.length > 0) throw new Error(`bench: ${method} left the wrong data in usage_bucket: ${diffs.join('; ')}`);
}
