import { z } from 'zod';
import { connectionSchema, updateConnectionSchema } from '@/lib/connections/connection-schemas';
import { deleteConnection, updateConnection } from '@/lib/connections/connections';
import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const PATCH = route({ access: 'admin', body: updateConnectionSchema, response: connectionSchema }, ({ body, params, actor }) =>
  updateConnection(prisma(), idParam(params, 'connection'), body, actor),
);

export const DELETE = route({ access: 'admin', response: z.object({ deleted: z.literal(true), keysKept: z.number().int() }) }, async ({ params, actor }) => {
  const { keysKept } = await deleteConnection(prisma(), idParam(params, 'connection'), actor);
  return { deleted: true as const, keysKept };
});
