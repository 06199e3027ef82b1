import { alertRouteSchema, alertRoutesSchema, createRouteSchema } from '@/lib/alerts/alert-route-schemas';
import { createRoute, listRoutes } from '@/lib/alerts/alert-routes';
import { requestActor } from '@/lib/auth/request-actor';
import { prisma } from '@/lib/db';
import { route } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const GET = route({ response: alertRoutesSchema }, async () => ({ routes: await listRoutes(prisma(), Date.now()) }));

export const POST = route({ body: createRouteSchema, response: alertRouteSchema }, ({ body, request }) => createRoute(prisma(), body, requestActor(request)));
