import { prisma } from '@/lib/db';
import { errorResponse } from '@/lib/http';
import { readJsonBody, unsupportedEncoding } from '@/lib/ingest/event-schema';
import { authenticateIngestToken } from '@/lib/ingest/ingest-tokens';
import { otlpResponse, otlpToEvents, unsupportedOtlpContentType } from '@/lib/ingest/otlp';
import { storeEvents } from '@/lib/ingest/store-events';

export const dynamic = 'force-dynamic';

// An OTLP/HTTP JSON traces receiver (lib/ingest/otlp.ts): point an exporter's
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT here with OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20brn_…
// Answers 200 like a collector, with `partialSuccess` when spans were rejected.
export async function POST(request: Request): Promise<Response> {
  try {
    const now = Date.now();
    const unsupported = unsupportedOtlpContentType(request.headers.get('content-type')) ?? unsupportedEncoding(request);
    if (unsupported) return Response.json({ error: { code: 'unsupported_media_type', message: unsupported } }, { status: 415 });
    const token = await authenticateIngestToken(prisma(), request.headers.get('authorization'), now);
    const mapped = otlpToEvents(await readJsonBody(request), now);
    const stored = await storeEvents(prisma(), { tokenId: token.id, events: mapped.events, now, unknownKeys: 'skip' });
    const skipped = stored.skipped.map((s) => ({ span: mapped.spans[s.index] ?? `event ${s.index}`, reason: s.reason }));
    return Response.json(otlpResponse([...mapped.rejected, ...skipped], stored), { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, request);
  }
}
