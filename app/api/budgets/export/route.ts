import { exportQuerySchema } from '@/lib/budgets/budget-schemas';
import { exportBudgets } from '@/lib/budgets/budgets';
import { prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { rawRoute } from '@/lib/http';

export const dynamic = 'force-dynamic';

// CSV, not JSON, so rawRoute() rather than route(): the same zod query check by hand.
export const GET = rawRoute({ access: 'budget.export' }, async ({ request }) => {
  const query = exportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new AppError('bad_request', `Invalid query: ${query.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ')}`);
  const { filename, csv } = await exportBudgets(prisma(), query.data.month, Date.now());
  return new Response(csv, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' },
  });
});
