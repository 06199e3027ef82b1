import { after } from 'next/server';
import { connectionSchema, connectionsSchema, createConnectionSchema } from '@/lib/connections/connection-schemas';
import { createConnection, listConnections } from '@/lib/connections/connections';
import { initialSyncInBackground } from '@/lib/connections/initial-sync';
import { prisma } from '@/lib/db';
import { route } from '@/lib/http';
import { PROVIDERS } from '@/lib/providers/registry';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', response: connectionsSchema }, async () => ({ connections: await listConnections(prisma()) }));

export const POST = route({ access: 'admin', body: createConnectionSchema, response: connectionSchema }, async ({ body, actor }) => {
  const created = await createConnection(prisma(), body, actor);
  // Keys and recent history after the answer, as `burnrate start` does for a new connection.
  after(() => initialSyncInBackground(prisma(), created.id, Date.now(), { providers: PROVIDERS, env: process.env }));
  return created;
});
