import { prisma } from '@/lib/db';
import { env } from '@/lib/env';
import { idParam, route } from '@/lib/http';
import { keySeries } from '@/lib/keys/key-series';
import { keySeriesQuerySchema, keySeriesSchema } from '@/lib/keys/key-schemas';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', query: keySeriesQuerySchema, response: keySeriesSchema }, ({ params, query }) =>
  keySeries(prisma(), { keyId: idParam(params, 'key') }, query, Date.now(), env().BURNRATE_TIMEZONE),
);
