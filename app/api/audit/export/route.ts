import { auditJsonLines, auditQuerySchema } from '@/lib/audit/audit-log';
import { prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { rawRoute } from '@/lib/http';

export const dynamic = 'force-dynamic';

// JSON lines for a SIEM, streamed: rawRoute() rather than route(), the query checked by hand.
export const GET = rawRoute({ access: 'admin' }, async ({ request }) => {
  const query = auditQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new AppError('bad_request', `Invalid query: ${query.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ')}`);
  const lines = auditJsonLines(prisma(), query.data);
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
