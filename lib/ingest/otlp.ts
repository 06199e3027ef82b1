import { isIP } from 'node:net';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { formatIssues, ingestEventSchema, isRecord, MAX_EVENTS_PER_BATCH, type IngestEvent } from './event-schema';

// OTLP/HTTP JSON traces (POST /api/ingest/otlp/v1/traces) -> ingest events. Pure: `now` is an
// argument. Every span that reports GenAI token usage becomes one event:
//
//   tokens    gen_ai.usage.input_tokens / output_tokens (older: prompt_tokens / completion_tokens);
//             cache reads gen_ai.usage.cache_read.input_tokens (or cache_read_input_tokens), cache
//             writes gen_ai.usage.cache_creation.input_tokens (or cache_creation_input_tokens).
//             The conventions count cached tokens inside input_tokens; we store them apart.
//   model     gen_ai.response.model, else gen_ai.request.model (the response names the exact
//             version that was billed, e.g. gpt-4o-2024-08-06 for gpt-4o)
//   provider  gen_ai.provider.name, else gen_ai.system, else from a key id's prefix
//   key       burnrate.key: the provider key id (key_…, apikey_…) or the key's name in Burnrate.
//             Not a GenAI convention; set it on the resource, once per process, e.g.
//             OTEL_RESOURCE_ATTRIBUTES=burnrate.key=key_abc123, or on each span.
//   caller    client.address, else net.peer.ip, else http.client_ip (IP addresses only)
//   time      startTimeUnixNano; event id = traceId + spanId, so a re-export counts once.
//
// Spans without GenAI usage (HTTP, database, ...) are ignored. A usage span that cannot be
// used (no key, another provider, bad counts, too old) is rejected on its own, and the
// others are kept: OTLP clients must not retry a 400, so failing the export for one span
// would drop the rest. Rejections are answered as a collector does, with `partialSuccess`.

export type RejectedSpan = { span: string; reason: string };
export type OtlpEvents = { events: IngestEvent[]; spans: string[]; rejected: RejectedSpan[]; ignored: number };

const anyValue = z.object({
  stringValue: z.string().nullish(),
  intValue: z.union([z.string(), z.number()]).nullish(),
  doubleValue: z.union([z.number(), z.string()]).nullish(),
  boolValue: z.boolean().nullish(),
});
const attributes = z.array(z.object({ key: z.string(), value: anyValue.nullish() })).nullish();
const span = z.object({
  traceId: z.string().nullish(),
  spanId: z.string().nullish(),
  startTimeUnixNano: z.union([z.string(), z.number()]).nullish(),
  attributes,
});
const exportRequest = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.object({ attributes }).nullish(),
        scopeSpans: z.array(z.object({ spans: z.array(z.unknown()).nullish() })).nullish(),
      }),
    )
    .nullish(),
});

type Attrs = Map<string, string | number | boolean>;

const FIELD_ATTRIBUTE: Record<string, string> = {
  timestamp: 'startTimeUnixNano',
  key: 'burnrate.key',
  provider: 'gen_ai.provider.name',
  model: 'gen_ai.response.model (or gen_ai.request.model)',
  inputTokens: 'gen_ai.usage.input_tokens (minus cached)',
  cachedInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  cacheWriteTokens: 'gen_ai.usage.cache_creation.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
};

export function otlpToEvents(body: unknown, now: number): OtlpEvents {
  const parsed = exportRequest.safeParse(isRecord(body) ? body : null);
  if (!parsed.success) {
    throw new AppError('bad_request', `Body is not an OTLP ExportTraceServiceRequest (JSON encoding): ${formatIssues(parsed.error.issues, 'body')}`);
  }
  const out: OtlpEvents = { events: [], spans: [], rejected: [], ignored: 0 };
  const schema = ingestEventSchema(now);
  for (const [r, rs] of (parsed.data.resourceSpans ?? []).entries()) {
    const resource = toAttrs(rs.resource?.attributes);
    for (const [s, ss] of (rs.scopeSpans ?? []).entries()) {
      for (const [i, raw] of (ss.spans ?? []).entries()) {
        const where = `resourceSpans[${r}].scopeSpans[${s}].spans[${i}]`;
        const sp = span.safeParse(raw);
        if (!sp.success) {
          out.rejected.push({ span: where, reason: `not a valid span: ${formatIssues(sp.error.issues, 'span', 3)}` });
          continue;
        }
        const label = sp.data.spanId ? `span ${sp.data.spanId}` : where;
        const attrs = new Map([...resource, ...toAttrs(sp.data.attributes)]);
        const candidate = spanToEvent(sp.data, attrs);
        if (candidate === null) out.ignored++;
        else if ('reason' in candidate) out.rejected.push({ span: label, reason: candidate.reason });
        else {
          const event = schema.safeParse(candidate.event);
          if (event.success) {
            out.events.push(event.data);
            out.spans.push(label);
          } else {
            const reason = event.error.issues.map((iss) => `${FIELD_ATTRIBUTE[String(iss.path[0])] ?? String(iss.path[0])} ${iss.message}`).join('; ');
            out.rejected.push({ span: label, reason });
          }
        }
      }
    }
  }
  if (out.events.length > MAX_EVENTS_PER_BATCH) {
    throw new AppError('payload_too_large', `An export holds at most 5,000 GenAI spans; this one has ${out.events.length}. Lower the batch span processor's maxExportBatchSize`);
  }
  return out;
}

// null: not a GenAI usage span. Otherwise the event as the events endpoint would receive it.
function spanToEvent(sp: z.infer<typeof span>, attrs: Attrs): { event: Record<string, unknown> } | { reason: string } | null {
  const input = first(attrs, 'gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens');
  const output = first(attrs, 'gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens');
  if (input === undefined && output === undefined) return null;
  const key = first(attrs, 'burnrate.key');
  if (typeof key !== 'string' || !key) {
    return { reason: 'no burnrate.key attribute names the API key (set OTEL_RESOURCE_ATTRIBUTES=burnrate.key=<key id or name>)' };
  }
  const provider = providerOf(first(attrs, 'gen_ai.provider.name', 'gen_ai.system'), key);
  if (!provider.ok) return { reason: provider.reason };
  const cachedRaw = first(attrs, 'gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens') ?? 0;
  const writtenRaw = first(attrs, 'gen_ai.usage.cache_creation.input_tokens', 'gen_ai.usage.cache_creation_input_tokens') ?? 0;
  const cached = toNumber(cachedRaw) ?? 0;
  const written = toNumber(writtenRaw) ?? 0;
  const inputTotal = toNumber(input ?? 0);
  const traceId = hexId(sp.traceId, 16);
  const spanId = hexId(sp.spanId, 8);
  const address = [first(attrs, 'client.address'), first(attrs, 'net.peer.ip'), first(attrs, 'http.client_ip')].find(
    (a): a is string => typeof a === 'string' && isIP(a) !== 0,
  );
  const event = {
    id: traceId && spanId ? `${traceId}${spanId}` : undefined,
    timestamp: nanosToMs(sp.startTimeUnixNano),
    key,
    provider: provider.id,
    model: first(attrs, 'gen_ai.response.model', 'gen_ai.request.model'),
    // Counts that are not numbers, or negative, are passed on as they are for the schema to
    // name; an input total below its cached part (older instrumentations) counts as 0 uncached.
    inputTokens: inputTotal === undefined || inputTotal < 0 ? (inputTotal ?? input) : Math.max(0, inputTotal - Math.max(0, cached) - Math.max(0, written)),
    cachedInputTokens: toNumber(cachedRaw) ?? cachedRaw,
    cacheWriteTokens: toNumber(writtenRaw) ?? writtenRaw,
    outputTokens: toNumber(output ?? 0) ?? output,
    callerIp: address,
    environment: stringOr(first(attrs, 'deployment.environment.name', 'deployment.environment')),
  };
  return { event };
}

function providerOf(value: unknown, key: string): { ok: true; id: 'openai' | 'anthropic' } | { ok: false; reason: string } {
  const name = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (name === 'openai' || name === 'anthropic') return { ok: true, id: name };
  if (name) return { ok: false, reason: `provider "${name}" is not one Burnrate watches (openai, anthropic)` };
  if (key.startsWith('key_')) return { ok: true, id: 'openai' };
  if (key.startsWith('apikey_')) return { ok: true, id: 'anthropic' };
  return { ok: false, reason: 'no gen_ai.provider.name (or gen_ai.system) attribute, and burnrate.key does not tell the provider' };
}

function toAttrs(list: z.infer<typeof attributes>): Attrs {
  const out: Attrs = new Map();
  for (const { key, value } of list ?? []) {
    const v = value?.stringValue ?? value?.intValue ?? value?.doubleValue ?? value?.boolValue;
    if (v !== undefined && v !== null) out.set(key, v);
  }
  return out;
}

const first = (attrs: Attrs, ...names: string[]) => names.map((n) => attrs.get(n)).find((v) => v !== undefined);
const stringOr = (v: unknown) => (typeof v === 'string' ? v : undefined);

// intValue arrives as a string (64-bit in JSON) or a number; numeric strings are accepted.
function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

function nanosToMs(v: string | number | null | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? Math.floor(v / 1e6) : undefined;
  if (typeof v === 'string' && /^\d{1,30}$/.test(v) && BigInt(v) > 0n) return Number(BigInt(v) / 1_000_000n);
  return undefined;
}

// OTLP/JSON ids are hex; some exporters send protobuf's default base64 instead.
function hexId(v: string | null | undefined, bytes: number): string | undefined {
  if (!v) return undefined;
  if (new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(v)) return v.toLowerCase();
  const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(v) ? Buffer.from(v, 'base64') : null;
  return decoded && decoded.length === bytes ? decoded.toString('hex') : undefined;
}

// The OTLP answer: partialSuccess only when something was rejected (the spec wants it unset
// on full success). `accepted`/`duplicates` are extra fields, which OTLP/JSON readers ignore.
export type OtlpResponse = { accepted: number; duplicates: number; partialSuccess?: { rejectedSpans: number; errorMessage: string } };

export function otlpResponse(rejected: RejectedSpan[], stored: { accepted: number; duplicates: number }): OtlpResponse {
  if (rejected.length === 0) return { accepted: stored.accepted, duplicates: stored.duplicates };
  const shown = rejected.slice(0, 5).map((r) => `${r.span}: ${r.reason}`);
  if (rejected.length > 5) shown.push(`and ${rejected.length - 5} more`);
  return { accepted: stored.accepted, duplicates: stored.duplicates, partialSuccess: { rejectedSpans: rejected.length, errorMessage: `${rejected.length} span(s) rejected: ${shown.join('; ')}` } };
}

// A message for a 415 when the content type is not OTLP/HTTP JSON, else null.
export function unsupportedOtlpContentType(contentType: string | null): string | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === '' || type === 'application/json') return null;
  if (type === 'application/x-protobuf' || type === 'application/protobuf') {
    return 'OTLP/HTTP protobuf is not supported; configure the exporter for JSON (OTEL_EXPORTER_OTLP_PROTOCOL=http/json) and send Content-Type: application/json';
  }
  return `Content-Type ${type} is not supported; send OTLP/HTTP JSON with Content-Type: application/json`;
}
