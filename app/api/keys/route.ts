import { prisma } from '@/lib/db';
import { route } from '@/lib/http';
import { keysPageSchema, keysQuerySchema } from '@/lib/usage/overview-schemas';
import { keysPage } from '@/lib/usage/keys-page';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', query: keysQuerySchema, response: keysPageSchema }, ({ query }) => keysPage(prisma(), query, Date.now()));
