import { prisma } from '@/lib/db';
import { route } from '@/lib/http';
import { hygieneReport } from '@/lib/keys/key-hygiene';
import { hygieneReportSchema } from '@/lib/keys/key-schemas';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', response: hygieneReportSchema }, () => hygieneReport(prisma(), Date.now()));
