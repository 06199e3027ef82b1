import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';
import { setIncidentFeedback } from '@/lib/incidents/incident-actions';
import { feedbackBodySchema, incidentDetailSchema } from '@/lib/incidents/incident-schemas';
import { incidentDetail } from '@/lib/incidents/incident-queries';

export const dynamic = 'force-dynamic';

export const POST = route({ access: 'incident.act', body: feedbackBodySchema, response: incidentDetailSchema }, async ({ params, body, actor }) => {
  const id = idParam(params, 'incident');
  await setIncidentFeedback(prisma(), id, body, actor, { now: Date.now() });
  return incidentDetail(prisma(), id);
});
