import { prisma } from '@/lib/db';
import { route } from '@/lib/http';
import { incidentDetail } from '@/lib/incidents/incident-queries';
import { incidentDetailSchema } from '@/lib/incidents/incident-schemas';
import { incidentId } from '@/lib/incidents/incident-id';

export const dynamic = 'force-dynamic';

export const GET = route({ response: incidentDetailSchema }, ({ params }) => incidentDetail(prisma(), incidentId(params)));
