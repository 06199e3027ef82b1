import { resetUserPassword } from '@/lib/auth/user-admin';
import { oneTimePasswordSchema } from '@/lib/auth/user-schemas';
import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

// A new one-time password, in this answer only; the user is signed out everywhere.
export const POST = route({ access: 'admin', response: oneTimePasswordSchema }, ({ params, actor }) => resetUserPassword(prisma(), idParam(params, 'user'), actor));
