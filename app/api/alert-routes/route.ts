import { alertRouteSchema, alertRoutesSchema, createRouteSchema } from '@/lib/alerts/alert-route-schemas';
import { createRoute, listRoutes } from '@/lib/alerts/alert-routes';
import { prisma } from '@/lib/db';
import { route } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', response: alertRoutesSchema }, async () => ({ routes: await listRoutes(prisma(), Date.now()) }));

export const POST = route({ access: 'admin', body: createRouteSchema, response: alertRouteSchema }, ({ body, actor }) => createRoute(prisma(), body, actor));
