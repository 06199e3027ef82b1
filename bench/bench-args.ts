import { parseArgs } from 'node:util';
import { z } from 'zod';

// `npm run bench:ingest -- [--quick] [--json] [--rows N] ...`: parsed and checked here, with
// messages that say how to fix a value.

const HELP = `Usage: npm run bench:ingest -- [options]
  --rows N            unique usage rows per write method (default 100000; --quick 5000)
  --chunk N           rows per delivery, re-deliveries included (default 5000; --quick 1000)
  --redelivery F      share of delivered rows that are re-sent (default 0.2)
  --repeats N         runs per write method; the median is reported (default 3; --quick 1)
  --keys N            API keys (default 300)
  --concurrency N     ingest load: requests in flight (default 8)
  --batch N           ingest load: events per request (default 100)
  --duration S        ingest load: seconds (default 20; --quick 3)
  --max-requests N    ingest load: request cap (default 20000; --quick 300)
  --only db|ingest    run one part
  --diagnose          also time upsert variants that isolate its costs
  --seed N            PRNG seed (default 42)
  --quick             a small smoke run
  --json              print one JSON object on stdout; progress stays on stderr`;

const int = (min: number, max: number, what: string) =>
  z.coerce.number({ error: `must be a number: ${what}` }).int({ error: `must be a whole number: ${what}` }).min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` });

const schema = z.object({
  rows: int(100, 5_000_000, 'unique rows').optional(),
  chunk: int(10, 100_000, 'rows per delivery').optional(),
  redelivery: z.coerce.number().min(0, { error: 'must be between 0 and 0.9' }).max(0.9, { error: 'must be between 0 and 0.9' }).default(0.2),
  repeats: int(1, 20, 'runs per method').optional(),
  keys: int(1, 10_000, 'API keys').default(300),
  concurrency: int(1, 256, 'requests in flight').default(8),
  batch: int(1, 5_000, 'events per request (the endpoint takes at most 5000)').default(100),
  duration: int(1, 600, 'seconds').optional(),
  'max-requests': int(1, 1_000_000, 'requests').optional(),
  only: z.enum(['db', 'ingest'], { error: 'must be db or ingest' }).optional(),
  diagnose: z.boolean().default(false),
  seed: int(0, 2 ** 31, 'seed').default(42),
  quick: z.boolean().default(false),
  json: z.boolean().default(false),
});

export type BenchArgs = {
  rows: number;
  chunk: number;
  redeliveryShare: number;
  repeats: number;
  keys: number;
  concurrency: number;
  batch: number;
  durationMs: number;
  maxRequests: number;
  only?: 'db' | 'ingest';
  diagnose: boolean;
  seed: number;
  quick: boolean;
  json: boolean;
};

export function parseBenchArgs(argv: string[]): BenchArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      ...Object.fromEntries(['rows', 'chunk', 'redelivery', 'repeats', 'keys', 'concurrency', 'batch', 'duration', 'max-requests', 'only', 'seed'].map((k) => [k, { type: 'string' as const }])),
      diagnose: { type: 'boolean' },
      quick: { type: 'boolean' },
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
  return {
    rows: a.rows ?? (a.quick ? 5_000 : 100_000),
    chunk: a.chunk ?? (a.quick ? 1_000 : 5_000),
    redeliveryShare: a.redelivery,
    repeats: a.repeats ?? (a.quick ? 1 : 3),
    keys: a.keys,
    concurrency: a.concurrency,
    batch: a.batch,
    durationMs: (a.duration ?? (a.quick ? 3 : 20)) * 1000,
    maxRequests: a['max-requests'] ?? (a.quick ? 300 : 20_000),
    only: a.only,
    diagnose: a.diagnose,
    seed: a.seed,
    quick: a.quick,
    json: a.json,
  };
}

export { HELP as BENCH_HELP };
