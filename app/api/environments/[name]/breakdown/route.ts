import { prisma } from '@/lib/db';
import { route } from '@/lib/http';
import { environmentParam } from '@/lib/keys/environment-param';
import { keyBreakdown } from '@/lib/keys/key-breakdown';
import { keyBreakdownQuerySchema, keyBreakdownSchema } from '@/lib/keys/key-schemas';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', query: keyBreakdownQuerySchema, response: keyBreakdownSchema }, async ({ params, query }) =>
  keyBreakdown(prisma(), { environment: await environmentParam(prisma(), params) }, query, Date.now()),
);
