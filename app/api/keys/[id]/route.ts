import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';
import { keyDetail } from '@/lib/keys/key-queries';
import { keyDetailSchema } from '@/lib/keys/key-schemas';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'read', response: keyDetailSchema }, ({ params }) => keyDetail(prisma(), idParam(params, 'key'), Date.now()));
