import { prisma } from '@/lib/db';
import { errorResponse } from '@/lib/http';
import { ingestResultSchema, parseIngestBatch, readJsonBody, unsupportedEncoding } from '@/lib/ingest/event-schema';
import { authenticateIngestToken } from '@/lib/ingest/ingest-tokens';
import { storeEvents } from '@/lib/ingest/store-events';

export const dynamic = 'force-dynamic';

// POST /api/ingest/events, `Authorization: Bearer brn_…`, body `{ events: [...] }`
// (lib/ingest/event-schema.ts) -> 202 `{ accepted, duplicates }`. The token is checked
// before the body is read. Not route(): that answers 200 and reads the body first.
export async function POST(request: Request): Promise<Response> {
  try {
    const now = Date.now();
    const encoding = unsupportedEncoding(request);
    if (encoding) return Response.json({ error: { code: 'unsupported_media_type', message: encoding } }, { status: 415 });
    const token = await authenticateIngestToken(prisma(), request.headers.get('authorization'), now);
    const events = parseIngestBatch(await readJsonBody(request), now);
    const { accepted, duplicates } = await storeEvents(prisma(), { tokenId: token.id, events, now });
    return Response.json(ingestResultSchema.parse({ accepted, duplicates }), { status: 202, headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, request);
  }
}
