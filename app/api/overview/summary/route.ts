import { prisma } from '@/lib/db';
import { route } from '@/lib/http';
import { overviewSummarySchema } from '@/lib/usage/overview-schemas';
import { overviewSummary } from '@/lib/usage/overview';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', response: overviewSummarySchema }, () => overviewSummary(prisma(), Date.now()));
