import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { readJsonBody as readJson } from '@/lib/security/read-json-body';

// What POST /api/ingest/events accepts: `{ events: [...] }`, one event per LLM request, as
// gateways and SDK wrappers report them. Whole-batch semantics: one invalid event rejects
// the batch and nothing is stored, so a sender can fix and re-send it as is (ids make the
// re-send idempotent). Pure: the server clock is an argument.

// After decompression. A full batch of 5,000 events is about 1.5 MB of JSON.
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_EVENTS_PER_BATCH = 5_000;
export const MAX_TOKENS_PER_EVENT = 10_000_000; // per request, all kinds together
export const MAX_COST_PER_EVENT_USD = 10_000;
export const MAX_CLOCK_SKEW_MS = 5 * 60_000; // how far ahead of our clock an event may be
// Events older than this are refused: ingest_event rows (the deduplication memory) are kept
// only a little longer (lib/ingest/prune-events.ts), so an older re-send could count twice.
export const MAX_EVENT_AGE_MS = 7 * 86_400_000;

const required = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`);
const opt = <S extends z.ZodType>(schema: S) => schema.nullish().transform((v) => v ?? undefined);

const tokenCount = z
  .number({ error: required('a number') })
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must be >= 0' })
  .max(MAX_TOKENS_PER_EVENT, { error: 'must be at most 10,000,000 tokens per request' });

function timestampSchema(now: number) {
  return z
    .union(
      [
        z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-03-10T12:00:00Z' }),
        z.number().int({ error: 'must be whole epoch milliseconds' }).min(0, { error: 'must be epoch milliseconds >= 0' }),
      ],
      { error: required('an ISO 8601 date-time string or epoch milliseconds') },
    )
    .transform((v) => (typeof v === 'number' ? v : Date.parse(v)))
    .superRefine((ms, ctx) => {
      if (ms > now + MAX_CLOCK_SKEW_MS) {
        ctx.addIssue({ code: 'custom', message: `is in the future (${new Date(ms).toISOString()}, more than 5 minutes ahead of the server clock); check the sender's clock` });
      } else if (ms < now - MAX_EVENT_AGE_MS) {
        const hint = ms < 1e11 ? ' (it looks like epoch seconds; send milliseconds)' : '';
        ctx.addIssue({ code: 'custom', message: `is older than 7 days (${new Date(ms).toISOString()})${hint}; events are accepted for 7 days, the deduplication window` });
      }
    });
}

export function ingestEventSchema(now: number) {
  return z
    .object({
      id: opt(z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' })),
      timestamp: timestampSchema(now),
      key: z.string({ error: required('a string: the provider key id (key_…, apikey_…) or the key name') }).trim().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' }),
      provider: z.enum(['openai', 'anthropic'], { error: required('"openai" or "anthropic"') }),
      model: z.string({ error: required('a string') }).trim().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' }),
      inputTokens: tokenCount, // uncached input
      cachedInputTokens: opt(tokenCount).transform((v) => v ?? 0),
      cacheWriteTokens: opt(tokenCount).transform((v) => v ?? 0),
      outputTokens: tokenCount,
      costUsd: opt(
        z
          .number({ error: 'must be a number' })
          .min(0, { error: 'must be >= 0' })
          .max(MAX_COST_PER_EVENT_USD, { error: 'must be at most 10,000 USD per request' }),
      ),
      callerIp: opt(z.union([z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address' })),
      country: opt(z.string().regex(/^[A-Za-z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 country code such as DE' }).transform((c) => c.toUpperCase())),
      environment: opt(z.string({ error: 'must be a string' }).max(100, { error: 'must be at most 100 characters' })), // ignored: the key's environment wins
    })
    .superRefine((e, ctx) => {
      // Runs even when a field failed, so the fields are checked before adding them up.
      const parts = [e.inputTokens, e.cachedInputTokens, e.cacheWriteTokens, e.outputTokens];
      if (parts.every((n) => typeof n === 'number') && parts.reduce((a, b) => a + b, 0) > MAX_TOKENS_PER_EVENT) {
        ctx.addIssue({ code: 'custom', path: ['inputTokens'], message: 'with the other token counts adds up to more than 10,000,000 tokens for one request' });
      }
    });
}

export type IngestEvent = z.output<ReturnType<typeof ingestEventSchema>>;

// `{ events: [...] }` -> validated events, or a 4xx that names each bad event and field.
export function parseIngestBatch(body: unknown, now: number): IngestEvent[] {
  const events = isRecord(body) ? body.events : undefined;
  if (!Array.isArray(events)) throw new AppError('bad_request', 'Body must be a JSON object {"events": [...]}; nothing was stored');
  if (events.length > MAX_EVENTS_PER_BATCH) {
    throw new AppError('payload_too_large', `A batch holds at most 5,000 events; this one has ${events.length}. Split it into smaller batches; nothing was stored`);
  }
  const result = z.array(ingestEventSchema(now)).safeParse(events);
  if (result.success) return result.data;
  throw new AppError('bad_request', `Invalid events; nothing was stored: ${formatIssues(result.error.issues, 'events')}`, { issues: result.error.issues });
}

// `events[3].inputTokens: must be >= 0; ...`, at most 10 of them.
export function formatIssues(issues: z.core.$ZodIssue[], root: string, limit = 10): string {
  const lines = issues.slice(0, limit).map((i) => `${formatPath(root, i.path)}: ${i.message}`);
  if (issues.length > limit) lines.push(`and ${issues.length - limit} more`);
  return lines.join('; ');
}

function formatPath(root: string, path: PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : `${s}.${String(p)}`), root);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// A message for a 415 when the body's encoding is one we cannot read, else null.
export function unsupportedEncoding(request: Request): string | null {
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === 'gzip') return null;
  return `Content-Encoding "${encoding}" is not supported; send the body uncompressed or gzip-compressed`;
}

// The batch's JSON, read by the one body reader (lib/security/read-json-body.ts): gzip
// accepted, at most `maxBytes` counted after decompression.
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const body = await readJson(request, { maxBytes, gzip: true, note: 'nothing was stored', tooLargeAdvice: 'send smaller batches' });
  if (body === undefined) throw new AppError('bad_request', 'Body is empty; send a JSON object');
  return body;
}

export const ingestResultSchema = z.object({ accepted: z.number().int().min(0), duplicates: z.number().int().min(0) });
