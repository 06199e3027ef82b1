import { prisma } from '@/lib/db';
import { route } from '@/lib/http';
import { createToken, listTokens } from '@/lib/ingest/ingest-token-admin';
import { createdIngestTokenSchema, createIngestTokenSchema, ingestTokensSchema } from '@/lib/ingest/ingest-token-schemas';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', response: ingestTokensSchema }, async () => ({ tokens: await listTokens(prisma()) }));

// The one response that carries the token; `route` sends it with cache-control: no-store.
export const POST = route({ access: 'admin', body: createIngestTokenSchema, response: createdIngestTokenSchema }, ({ body, actor }) => createToken(prisma(), body, actor));
