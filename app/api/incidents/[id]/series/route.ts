import { prisma } from '@/lib/db';
import { route } from '@/lib/http';
import { incidentSeries } from '@/lib/incidents/incident-queries';
import { incidentSeriesSchema } from '@/lib/incidents/incident-schemas';
import { incidentId } from '@/lib/incidents/incident-id';

export const dynamic = 'force-dynamic';

export const GET = route({ response: incidentSeriesSchema }, ({ params }) => incidentSeries(prisma(), incidentId(params), Date.now()));
