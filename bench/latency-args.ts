import { parseArgs } from 'node:util';
import { z } from 'zod';

// `npm run bench:latency -- [--runs N] [--json] ...`: parsed and checked here, with messages
// that say how to fix a value.

const HELP = `Usage: npm run bench:latency -- [options]
  --runs N            bursts per path, each on a key of its own (default 3)
  --only pulled|ingested   run one path
  --history-days N    days of minute usage loaded before the runs (default 3; the detector's
                      hour-of-day profile needs 2)
  --burst X           burst size as a multiple of the key's usual requests per minute (default 30)
  --flush-ms N        ingest path: the simulated gateway sends what happened every N ms (default 1000)
  --timeout S         give up on a run after S seconds without a page (default 300)
  --json              print one JSON object on stdout; progress stays on stderr`;

const int = (min: number, max: number, what: string) =>
  z.coerce.number({ error: `must be a number: ${what}` }).int({ error: `must be a whole number: ${what}` }).min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` });

const schema = z.object({
  runs: int(1, 10, 'bursts per path').default(3),
  only: z.enum(['pulled', 'ingested'], { error: 'must be pulled or ingested' }).optional(),
  'history-days': int(2, 7, 'days (minute buckets are kept 8 days)').default(3),
  burst: z.coerce.number({ error: 'must be a number' }).min(3, { error: 'must be at least 3' }).max(500, { error: 'must be at most 500' }).default(30),
  'flush-ms': int(100, 30_000, 'milliseconds').default(1000),
  timeout: int(30, 1800, 'seconds').default(300),
  json: z.boolean().default(false),
});

export interface LatencyArgs {
  runs: number;
  only?: 'pulled' | 'ingested';
  historyDays: number;
  burst: number;
  flushMs: number;
  timeoutMs: number;
  json: boolean;
}

export function parseLatencyArgs(argv: string[]): LatencyArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      ...Object.fromEntries(['runs', 'only', 'history-days', 'burst', 'flush-ms', 'timeout'].map((k) => [k, { type: 'string' as const }])),
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw new Error(`bench: ${parsed.error.issues.map((i) => `--${i.path.join('.')} ${i.message}`).join('; ')}; see --help`);
  }
  const a = parsed.data;
  return { runs: a.runs, only: a.only, historyDays: a['history-days'], burst: a.burst, flushMs: a['flush-ms'], timeoutMs: a.timeout * 1000, json: a.json };
}

export { HELP as LATENCY_HELP };
