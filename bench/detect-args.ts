import { parseArgs } from 'node:util';
import { z } from 'zod';

// `npm run bench:detect -- [--keys N] [--days N] [--naive-keys N] [--json] ...`: parsed and
// checked here, with messages that say how to fix a value.

const HELP = `Usage: npm run bench:detect -- [options]
  --keys N            API keys (default 10000)
  --days N            days of hourly buckets in the full pass (default 90)
  --naive-keys N      keys the naive simple-statistics detector runs on, spread evenly (default 200)
  --warm-days N       incremental pass: days of hourly buckets that warm the detector (default 14)
  --samples N         incremental pass: timed single-bucket observe calls (default 30)
  --timezone ZONE     team zone for local hours (default Europe/Berlin)
  --seed N            PRNG seed (default 42)
  --json              print one JSON object on stdout; progress stays on stderr`;

const int = (min: number, max: number, what: string) =>
  z.coerce.number({ error: `must be a number: ${what}` }).int({ error: `must be a whole number: ${what}` }).min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` });

const schema = z.object({
  keys: int(1, 100_000, 'API keys').default(10_000),
  days: int(1, 400, 'days').default(90),
  'naive-keys': int(0, 10_000, 'keys for the naive detector (0 skips it)').default(200),
  'warm-days': int(1, 60, 'days').default(14),
  samples: int(1, 1_000, 'observe calls').default(30),
  timezone: z.string().refine((tz) => isZone(tz), { error: 'must be an IANA zone such as Europe/Berlin or UTC' }).default('Europe/Berlin'),
  seed: int(0, 2 ** 31, 'seed').default(42),
  json: z.boolean().default(false),
});

export interface DetectBenchArgs {
  keys: number;
  days: number;
  naiveKeys: number;
  warmDays: number;
  samples: number;
  timezone: string;
  seed: number;
  json: boolean;
}

export function parseDetectArgs(argv: string[]): DetectBenchArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      ...Object.fromEntries(['keys', 'days', 'naive-keys', 'warm-days', 'samples', 'timezone', 'seed'].map((k) => [k, { type: 'string' as const }])),
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
  return { keys: a.keys, days: a.days, naiveKeys: Math.min(a['naive-keys'], a.keys), warmDays: a['warm-days'], samples: a.samples, timezone: a.timezone, seed: a.seed, json: a.json };
}

function isZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export { HELP as DETECT_BENCH_HELP };
