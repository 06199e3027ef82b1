import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';
import { keyBreakdown } from '@/lib/keys/key-breakdown';
import { keyBreakdownQuerySchema, keyBreakdownSchema } from '@/lib/keys/key-schemas';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', query: keyBreakdownQuerySchema, response: keyBreakdownSchema }, ({ params, query }) =>
  keyBreakdown(prisma(), { keyId: idParam(params, 'key') }, query, Date.now()),
);
