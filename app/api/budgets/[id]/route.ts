import { requestActor } from '@/lib/auth/request-actor';
import { deletedSchema } from '@/lib/budgets/budget-schemas';
import { deleteBudget } from '@/lib/budgets/budgets';
import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const DELETE = route({ response: deletedSchema }, async ({ params, request }) => {
  await deleteBudget(prisma(), idParam(params, 'budget'), requestActor(request));
  return { deleted: true as const };
});
