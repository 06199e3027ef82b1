import os from 'node:os';
import { createLocalClock } from '@/lib/detect/spike/local-clock';
import { DETECT_BENCH_HELP, parseDetectArgs } from './detect-args';
import { runFullPass, runNaive } from './detect-full';
import { runIncremental } from './detect-incremental';
import { measureState } from './detect-state';
import { createRssMeter } from './detect-memory';
import { formatDetectSummary, summariseDetect } from './detect-summary';
import { createCalendar } from './detect-traffic';

// `npm run bench:detect`: (1) the full pass, every key's hourly buckets through the spike
// core; (2) the naive simple-statistics detector on a subset of the same keys, in the same
// run; (3) the incremental pass of the product's composite detector, one bucket of every key
// per call; (4) saving that detector's state to a file and restoring it (a restart). One thread, synthetic traffic (bench/detect-traffic.ts). Progress on stderr; the
// table (or with --json one object) on stdout.

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Epoch ms of the local Monday 00:00 at or nearest to 2026-01-05 00:00 UTC. */
function mondayIn(timezone: string): number {
  const t = Date.parse('2026-01-05T00:00:00Z');
  const how = createLocalClock(timezone)(t).hourOfWeek;
  return t - (how <= 84 ? how : how - 168) * 3_600_000;
}

async function main(): Promise<number> {
  const args = parseDetectArgs(process.argv.slice(2));
  if (args === 'help') {
    console.log(DETECT_BENCH_HELP);
    return 0;
  }
  const loadStart = os.loadavg();
  const meter = createRssMeter();
  const start = mondayIn(args.timezone);
  const cal = createCalendar(start, args.days * 24, args.timezone);
  log(`== full pass: ${args.keys} keys x ${args.days} days (${(args.keys * cal.hours).toLocaleString('en-US')} hourly buckets), zone ${args.timezone}`);
  const full = runFullPass(args.seed, args.keys, cal, meter);
  const fullPassMb = meter.phasePeakMb();
  let naive = null;
  let naiveMb = null;
  if (args.naiveKeys > 0) {
    log(`== naive baseline: ${args.naiveKeys} keys, same traffic`);
    naive = runNaive(args.seed, args.keys, args.naiveKeys, cal, full, meter);
    naiveMb = meter.phasePeakMb();
  }
  log(`== incremental: ${args.keys} keys, ${args.warmDays} days of warm-up, ${args.samples} timed calls`);
  const inc = runIncremental(args.seed, args.keys, args.warmDays, args.samples, start, args.timezone, meter);
  const incrementalMb = meter.phasePeakMb();
  log(`== saved state: the incremental detector saved to a file, and restored in a new process, as a restart does`);
  const state = await measureState(inc.detector, meter);
  const stateMb = meter.phasePeakMb();
  const summary = summariseDetect(args, full, naive, inc, state, { fullPassMb, naiveMb, incrementalMb, stateMb, peakRssMb: meter.peakMb() }, { start: loadStart, end: os.loadavg() });
  console.log(args.json ? JSON.stringify(summary) : formatDetectSummary(summary));
  return 0;
}

try {
  process.exitCode = await main();
} catch (error: unknown) {
  log(error instanceof Error ? error.message : String(error));
  if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) log(error.stack ?? '');
  process.exitCode = 1;
}
