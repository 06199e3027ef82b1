import { prisma } from '@/lib/db';
import { env } from '@/lib/env';
import { route } from '@/lib/http';
import { environmentParam } from '@/lib/keys/environment-param';
import { keySeries } from '@/lib/keys/key-series';
import { keySeriesQuerySchema, keySeriesSchema } from '@/lib/keys/key-schemas';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', query: keySeriesQuerySchema, response: keySeriesSchema }, async ({ params, query }) =>
  keySeries(prisma(), { environment: await environmentParam(prisma(), params) }, query, Date.now(), env().BURNRATE_TIMEZONE),
);
