import { updateUser } from '@/lib/auth/user-admin';
import { updateUserSchema, userViewSchema } from '@/lib/auth/user-schemas';
import { prisma } from '@/lib/db';
import { idParam, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

// A role change or disabling takes effect on the user's next request; disabling also ends their sessions.
export const PATCH = route({ access: 'admin', body: updateUserSchema, response: userViewSchema }, ({ params, body, actor }) =>
  updateUser(prisma(), idParam(params, 'user'), body, actor, Date.now()),
);
