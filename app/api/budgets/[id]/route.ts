import { deletedSchema } from '@/lib/budgets/budget-schemas';
import { deleteBudget } from '@/lib/budgets/budgets';
import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const DELETE = route({ access: 'budget.write', response: deletedSchema }, async ({ params, actor }) => {
  await deleteBudget(prisma(), idParam(params, 'budget'), actor);
  return { deleted: true as const };
});
