import { budgetListQuerySchema, budgetListSchema, putBudgetSchema, savedBudgetSchema } from '@/lib/budgets/budget-schemas';
import { listBudgets, putBudget } from '@/lib/budgets/budgets';
import { prisma } from '@/lib/db';
import { route } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', query: budgetListQuerySchema, response: budgetListSchema }, ({ query }) => listBudgets(prisma(), Date.now(), query));

// One budget per key or environment: PUT creates it or replaces its settings.
export const PUT = route({ access: 'budget.write', body: putBudgetSchema, response: savedBudgetSchema }, ({ body, actor }) => putBudget(prisma(), body, actor, Date.now()));
