import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';
import { incidentSeries } from '@/lib/incidents/incident-queries';
import { incidentSeriesSchema } from '@/lib/incidents/incident-schemas';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', response: incidentSeriesSchema }, ({ params }) => incidentSeries(prisma(), idParam(params, 'incident'), Date.now()));
