import { z } from 'zod';
import { alertRouteSchema, updateRouteSchema } from '@/lib/alerts/alert-route-schemas';
import { deleteRoute, updateRoute } from '@/lib/alerts/alert-routes';
import { requestActor } from '@/lib/auth/request-actor';
import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const PATCH = route({ body: updateRouteSchema, response: alertRouteSchema }, ({ body, params, request }) => updateRoute(prisma(), idParam(params, 'alert route'), body, requestActor(request)));

export const DELETE = route({ response: z.object({ deleted: z.literal(true) }) }, async ({ params, request }) => {
  await deleteRoute(prisma(), idParam(params, 'alert route'), requestActor(request));
  return { deleted: true as const };
});
