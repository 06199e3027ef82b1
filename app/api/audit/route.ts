import { auditPage, auditPageSchema, auditQuerySchema } from '@/lib/audit/audit-log';
import { prisma } from '@/lib/db';
import { route } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'admin', query: auditQuerySchema, response: auditPageSchema }, ({ query }) => auditPage(prisma(), query));
