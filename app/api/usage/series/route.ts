import { prisma } from '@/lib/db';
import { route } from '@/lib/http';
import { usageSeriesQuerySchema, usageSeriesSchema } from '@/lib/usage/overview-schemas';
import { usageSeries } from '@/lib/usage/overview';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', query: usageSeriesQuerySchema, response: usageSeriesSchema }, ({ query }) =>
  usageSeries(prisma(), query, Date.now()),
);
