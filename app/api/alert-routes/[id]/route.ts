import { z } from 'zod';
import { alertRouteSchema, updateRouteSchema } from '@/lib/alerts/alert-route-schemas';
import { deleteRoute, updateRoute } from '@/lib/alerts/alert-routes';
import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const PATCH = route({ access: 'admin', body: updateRouteSchema, response: alertRouteSchema }, ({ body, params, actor }) => updateRoute(prisma(), idParam(params, 'alert route'), body, actor));

export const DELETE = route({ access: 'admin', response: z.object({ deleted: z.literal(true) }) }, async ({ params, actor }) => {
  await deleteRoute(prisma(), idParam(params, 'alert route'), actor);
  return { deleted: true as const };
});
