import { addUser, listUserViews } from '@/lib/auth/user-admin';
import { createUserSchema, oneTimePasswordSchema, usersSchema } from '@/lib/auth/user-schemas';
import { prisma } from '@/lib/db';
import { route } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'admin', response: usersSchema }, async () => ({ users: await listUserViews(prisma()) }));

// The answer carries the new user's one-time password; `route` sends it with cache-control: no-store.
export const POST = route({ access: 'admin', body: createUserSchema, response: oneTimePasswordSchema }, ({ body, actor }) => addUser(prisma(), body, actor));
