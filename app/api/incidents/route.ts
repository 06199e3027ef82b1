import { prisma } from '@/lib/db';
import { route } from '@/lib/http';
import { listIncidents } from '@/lib/incidents/incident-queries';
import { incidentsPageSchema, incidentsQuerySchema } from '@/lib/incidents/incident-schemas';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', query: incidentsQuerySchema, response: incidentsPageSchema }, ({ query }) => listIncidents(prisma(), query));
