import { prisma } from '@/lib/db';
import { rawRoute } from '@/lib/http';
import { healthSchema } from '@/lib/usage/overview-schemas';
import { checkHealth } from '@/lib/system/health';

export const dynamic = 'force-dynamic';

// Public: load balancers and `burnrate start` poll it. rawRoute, not route(): a failing
// database must still produce a health report, with 503.
export const GET = rawRoute({ access: 'public' }, async () => {
  const health = healthSchema.parse(await checkHealth(prisma, Date.now()));
  return Response.json(health, { status: health.status === 'down' ? 503 : 200, headers: { 'cache-control': 'no-store' } });
});
