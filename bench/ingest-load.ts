import { parseArgs } from 'node:util';
import { z } from 'zod';
import { generateBenchKeys } from './bench-keys';
import { addTotals, emptyTotals, makeEvent, type BenchEvent } from './ingest-events';
import { ingestAnswerSchema, type LoadResult } from './load-result';
import { createPrng } from './prng';
import { percentile, perSecond, round } from './stats';

// The load generator, run by bench/ingest.ts as a second process so that its CPU is not the
// server's event loop: `concurrency` requests in flight, each a batch of `batch` events (or,
// with probability `redelivery`, a batch already answered, re-sent unchanged), for at most
// `duration-ms` and `max-requests`. Prints one JSON line (bench/load-result.ts) on stdout.
// The ingest token comes in BURNRATE_BENCH_TOKEN, never on the command line.

const REQUEST_TIMEOUT_MS = 30_000;
const KEEP_SENT = 64; // recent answered batches, the pool re-deliveries are drawn from

const int = z.coerce.number().int().min(0);
const argsSchema = z.object({
  url: z.url(),
  mode: z.enum(['events', 'health']),
  concurrency: int.min(1),
  batch: int.min(1),
  'duration-ms': int.min(1),
  'max-requests': int.min(1),
  warmup: int,
  keys: int.min(1),
  seed: int,
  redelivery: z.coerce.number().min(0).max(0.9),
});

const names = Object.keys(argsSchema.shape);
const { values } = parseArgs({ options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])), strict: true });
const args = argsSchema.parse(values);
const token = process.env.BURNRATE_BENCH_TOKEN ?? '';
if (args.mode === 'events' && !token) throw new Error('bench: BURNRATE_BENCH_TOKEN is not set; bench/ingest.ts creates the token and passes it');

const keys = generateBenchKeys(args.keys, args.seed);
const prng = createPrng(args.seed + 7);
const runId = `${Date.now().toString(36)}${process.pid}`;
const sent: { body: string; size: number }[] = [];
const stored = emptyTotals();
const statuses: Record<string, number> = {};
const latencies: number[] = [];
const m = { requests: 0, ok: 0, failed: 0, events: 0, newEvents: 0 };
let uncertain = 0;
let serverAccepted = 0;
let serverDuplicates = 0;
let expectedDuplicates = 0;
let redeliveredRequests = 0;
let firstError: string | null = null;
let sequence = 0;

function nextBody(): { body?: string; events: BenchEvent[]; size: number; again: boolean } {
  if (args.mode === 'health') return { events: [], size: 0, again: false };
  if (sent.length > 0 && prng.chance(args.redelivery)) return { ...prng.pick(sent), events: [], again: true };
  const now = Date.now();
  const id = `${runId}-${sequence++}`;
  const events = Array.from({ length: args.batch }, (_, i) => makeEvent(prng, keys, `${id}-${i}`, now));
  return { body: JSON.stringify({ events }), events, size: events.length, again: false };
}

async function request(measured: boolean): Promise<void> {
  const { body, events, size, again } = nextBody();
  const headers: Record<string, string> = args.mode === 'events' ? { authorization: `Bearer ${token}`, 'content-type': 'application/json' } : {};
  const started = performance.now();
  try {
    const res = await fetch(args.url, { method: body ? 'POST' : 'GET', headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    const ms = performance.now() - started;
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    const ok = args.mode === 'events' ? res.status === 202 : res.status === 200;
    if (ok && args.mode === 'events') {
      const answer = ingestAnswerSchema.parse(JSON.parse(text));
      serverAccepted += answer.accepted;
      serverDuplicates += answer.duplicates;
      if (again) expectedDuplicates += size;
      else {
        addTotals(stored, events);
        sent.push({ body: body!, size });
        if (sent.length > KEEP_SENT) sent.shift();
      }
    }
    if (!ok) firstError ??= `HTTP ${res.status}: ${text.slice(0, 300)}`;
    if (!measured) return;
    latencies.push(ms);
    m.requests += 1;
    if (again) redeliveredRequests += 1;
    if (ok) {
      m.ok += 1;
      m.events += size;
      if (!again) m.newEvents += size;
    } else m.failed += 1;
  } catch (error) {
    // The server may or may not have stored this batch: the check afterwards says which.
    uncertain += 1;
    statuses.error = (statuses.error ?? 0) + 1;
    firstError ??= error instanceof Error ? error.message : String(error);
    if (measured) {
      m.requests += 1;
      m.failed += 1;
    }
  }
}

async function phase(requests: number, deadline: number, measured: boolean): Promise<void> {
  let issued = 0;
  const worker = async () => {
    while (issued < requests && performance.now() < deadline) {
      issued += 1;
      await request(measured);
    }
  };
  await Promise.all(Array.from({ length: args.concurrency }, worker));
}

await phase(args.warmup, Number.POSITIVE_INFINITY, false);
const started = performance.now();
const progress = setInterval(() => {
  const s = (performance.now() - started) / 1000;
  const rate = args.mode === 'events' ? `${Math.round(m.events / s)} events/s` : `${Math.round(m.requests / s)} requests/s`;
  process.stderr.write(`  load: ${Math.round(s)} s, ${m.requests} requests, ${rate}\n`);
}, 5_000);
await phase(args['max-requests'], started + args['duration-ms'], true);
clearInterval(progress);
const measuredMs = performance.now() - started;

const result: LoadResult = {
  mode: args.mode,
  concurrency: args.concurrency,
  batch: args.mode === 'events' ? args.batch : 0,
  measuredMs: round(measuredMs, 1),
  requests: m.requests,
  ok: m.ok,
  failed: m.failed,
  statuses,
  firstError,
  uncertain,
  latencyMs: {
    p50: round(percentile(latencies, 50), 1),
    p90: round(percentile(latencies, 90), 1),
    p99: round(percentile(latencies, 99), 1),
    max: round(Math.max(...latencies), 1),
    mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length), 1),
  },
  requestsPerSec: round(perSecond(m.requests, measuredMs), 1),
  eventsPerSec: round(perSecond(m.events, measuredMs)),
  newEventsPerSec: round(perSecond(m.newEvents, measuredMs)),
  redeliveredRequests,
  stored,
  serverAccepted,
  serverDuplicates,
  expectedDuplicates,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
