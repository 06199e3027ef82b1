import { prisma } from '@/lib/db';
import { route } from '@/lib/http';
import { topMoversQuerySchema, topMoversSchema } from '@/lib/usage/overview-schemas';
import { topMovers } from '@/lib/usage/top-movers';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', query: topMoversQuerySchema, response: topMoversSchema }, ({ query }) => topMovers(prisma(), query, Date.now()));
