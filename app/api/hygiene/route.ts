import { prisma } from '@/lib/db';
import { route } from '@/lib/http';
import { hygieneReport } from '@/lib/keys/key-hygiene';
import { hygieneQuerySchema, hygieneReportSchema } from '@/lib/keys/key-schemas';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', query: hygieneQuerySchema, response: hygieneReportSchema }, ({ query }) =>
  hygieneReport(prisma(), Date.now(), query),
);
