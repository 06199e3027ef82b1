import { prisma } from '@/lib/db';
import { errorResponse } from '@/lib/http';
import { healthSchema } from '@/lib/usage/overview-schemas';
import { checkHealth } from '@/lib/system/health';

export const dynamic = 'force-dynamic';

// Not wrapped in route(): a failing database must still produce a health report, with 503.
export async function GET(request: Request) {
  try {
    const health = healthSchema.parse(await checkHealth(prisma, Date.now()));
    return Response.json(health, { status: health.status === 'down' ? 503 : 200, headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, request);
  }
}
