import { auditJsonLines, auditQuerySchema } from '@/lib/audit/audit-log';
import { prisma } from '@/lib/db';
import { parseQuery, rawRoute } from '@/lib/http';

export const dynamic = 'force-dynamic';

// JSON lines for a SIEM, streamed: rawRoute() rather than route(); parseQuery() checks the query as route() does.
export const GET = rawRoute({ access: 'admin' }, async ({ request }) => {
  const query = parseQuery(auditQuerySchema, request);
  const lines = auditJsonLines(prisma(), query);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': 'attachment; filename="burnrate-audit.jsonl"', 'cache-control': 'no-store' },
  });
});
