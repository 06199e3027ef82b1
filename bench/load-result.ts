import { z } from 'zod';

// What bench/ingest-load.ts prints on stdout (one JSON line) and bench/ingest.ts reads back.

const totals = z.object({
  events: z.number().int(),
  inputTokens: z.number().int(),
  cachedInputTokens: z.number().int(),
  cacheWriteTokens: z.number().int(),
  outputTokens: z.number().int(),
  costMicros: z.number().int(),
});

export const loadResultSchema = z.object({
  mode: z.enum(['events', 'health']),
  concurrency: z.number().int(),
  batch: z.number().int(),
  measuredMs: z.number(),
  requests: z.number().int(), // measured phase only
  ok: z.number().int(),
  failed: z.number().int(),
  statuses: z.record(z.string(), z.number().int()), // status (or "error") -> count, warm-up included
  firstError: z.string().nullable(),
  uncertain: z.number().int(), // requests whose outcome is unknown (network error, timeout)
  latencyMs: z.object({ p50: z.number(), p90: z.number(), p99: z.number(), max: z.number(), mean: z.number() }),
  requestsPerSec: z.number(),
  eventsPerSec: z.number(), // events in 2xx answers, re-sent ones included
  newEventsPerSec: z.number(),
  redeliveredRequests: z.number().int(),
  // Everything below counts the warm-up too: it is what the database must hold.
  stored: totals, // unique events in 2xx answers: what usage_bucket must add up to
  serverAccepted: z.number().int(),
  serverDuplicates: z.number().int(),
  expectedDuplicates: z.number().int(),
});

export type LoadResult = z.infer<typeof loadResultSchema>;

export const ingestAnswerSchema = z.object({ accepted: z.number().int(), duplicates: z.number().int() });
