import { parseArgs } from 'node:util';
import { z } from 'zod';

// `npm run bench:api -- [--keys N] [--days N] [--requests N] [--json] ...`: parsed and checked
// here, with messages that say how to fix a value.

const HELP = `Usage: npm run bench:api -- [options]
  --keys N               API keys (default 10000)
  --days N               days of hourly buckets per key (default 90)
  --requests N           timed requests per route handler (default 200)
  --extra-requests N     timed requests of the keys list, budgets list and breakdowns each (default 50)
  --baseline-requests N  timed calls per raw-bucket baseline query (default 5; 0 skips the baseline)
  --write-rounds N       rounds of the write-cost check, with and without the roll-up triggers (default 3; 0 skips it)
  --seed N               PRNG seed (default 42)
  --json                 print one JSON object on stdout; progress stays on stderr`;

const int = (min: number, max: number, what: string) =>
  z.coerce.number({ error: `must be a number: ${what}` }).int({ error: `must be a whole number: ${what}` }).min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` });

const schema = z.object({
  keys: int(1, 100_000, 'API keys').default(10_000),
  days: int(1, 400, 'days').default(90),
  requests: int(10, 100_000, 'requests per route').default(200),
  'extra-requests': int(1, 100_000, 'requests per list route').default(50),
  'baseline-requests': int(0, 1_000, 'calls per baseline query').default(5),
  'write-rounds': int(0, 20, 'rounds').default(3),
  seed: int(0, 2 ** 31, 'seed').default(42),
  json: z.boolean().default(false),
});

export interface ApiBenchArgs {
  keys: number;
  days: number;
  requests: number;
  extraRequests: number;
  baselineRequests: number;
  writeRounds: number;
  seed: number;
  json: boolean;
}

export function parseApiArgs(argv: string[]): ApiBenchArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      ...Object.fromEntries(['keys', 'days', 'requests', 'extra-requests', 'baseline-requests', 'write-rounds', 'seed'].map((k) => [k, { type: 'string' as const }])),
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new Error(`bench: ${parsed.error.issues.map((i) => `--${i.path.join('.')} ${i.message}`).join('; ')}; see --help`);
  const a = parsed.data;
  return { keys: a.keys, days: a.days, requests: a.requests, extraRequests: a['extra-requests'], baselineRequests: a['baseline-requests'], writeRounds: a['write-rounds'], seed: a.seed, json: a.json };
}

export { HELP as API_BENCH_HELP };
