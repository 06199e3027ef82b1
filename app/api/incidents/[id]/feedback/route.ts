import { requestActor } from '@/lib/auth/request-actor';
import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';
import { setIncidentFeedback } from '@/lib/incidents/incident-actions';
import { feedbackBodySchema, incidentDetailSchema } from '@/lib/incidents/incident-schemas';
import { incidentDetail } from '@/lib/incidents/incident-queries';

export const dynamic = 'force-dynamic';

export const POST = route({ body: feedbackBodySchema, response: incidentDetailSchema }, async ({ params, body, request }) => {
  const id = idParam(params, 'incident');
  await setIncidentFeedback(prisma(), id, body, requestActor(request), { now: Date.now() });
  return incidentDetail(prisma(), id);
});
