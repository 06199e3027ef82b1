import { exportQuerySchema } from '@/lib/budgets/budget-schemas';
import { exportBudgets } from '@/lib/budgets/budgets';
import { prisma } from '@/lib/db';
import { parseQuery, rawRoute } from '@/lib/http';

export const dynamic = 'force-dynamic';

// CSV, not JSON, so rawRoute() rather than route(); parseQuery() checks the query as route() does.
export const GET = rawRoute({ access: 'budget.export' }, async ({ request }) => {
  const query = parseQuery(exportQuerySchema, request);
  const { filename, csv } = await exportBudgets(prisma(), query.month, Date.now());
  return new Response(csv, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' },
  });
});
