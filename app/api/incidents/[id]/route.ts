import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';
import { incidentDetail } from '@/lib/incidents/incident-queries';
import { incidentDetailSchema } from '@/lib/incidents/incident-schemas';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', response: incidentDetailSchema }, ({ params }) => incidentDetail(prisma(), idParam(params, 'incident')));
