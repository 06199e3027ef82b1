import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';
import { revokeToken } from '@/lib/ingest/ingest-token-admin';
import { ingestTokenSchema } from '@/lib/ingest/ingest-token-schemas';

export const dynamic = 'force-dynamic';

// DELETE revokes: the row stays (its name and events are kept), the token stops working.
export const DELETE = route({ access: 'admin', response: ingestTokenSchema }, ({ params, actor }) => revokeToken(prisma(), idParam(params, 'ingest token'), actor, Date.now()));
