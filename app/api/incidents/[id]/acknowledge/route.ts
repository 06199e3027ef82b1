import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';
import { changeIncidentStatus } from '@/lib/incidents/incident-actions';
import { incidentDetailSchema } from '@/lib/incidents/incident-schemas';
import { incidentDetail } from '@/lib/incidents/incident-queries';
import { incidentChangeHandler } from '@/lib/incidents/on-change';

export const dynamic = 'force-dynamic';

export const POST = route({ access: 'incident.act', response: incidentDetailSchema }, async ({ params, actor }) => {
  const id = idParam(params, 'incident');
  await changeIncidentStatus(prisma(), id, 'acknowledge', actor, { now: Date.now(), onChange: incidentChangeHandler() });
  return incidentDetail(prisma(), id);
});
