import type { PrismaClient } from '@/generated/prisma/client';
import { createUser, findUser, setPassword } from './users';

// The first run's way in: with the demo workspace on and no user yet, `burnrate start`
// creates admin@burnrate.local with a one-time password and prints it once to the terminal.

export const DEMO_ADMIN_EMAIL = 'admin@burnrate.local';

/**
 * The password to print, or null when there is nothing to print. `fixedPassword`
 * (BURNRATE_DEMO_ADMIN_PASSWORD, for tests) is set on every start and is not one-time.
 */
export async function ensureDemoAdmin(db: PrismaClient, fixedPassword?: string): Promise<{ email: string; password: string } | null> {
  if (fixedPassword !== undefined) {
    if (await findUser(db, { email: DEMO_ADMIN_EMAIL })) await setPassword(db, { email: DEMO_ADMIN_EMAIL }, fixedPassword, { oneTime: false, actor: { id: null, label: 'demo setup' } });
    else await createUser(db, { email: DEMO_ADMIN_EMAIL, role: 'admin', name: 'Demo admin', password: fixedPassword });
    return null;
  }
  if ((await db.user.count()) > 0) return null;
  const { oneTimePassword } = await createUser(db, { email: DEMO_ADMIN_EMAIL, role: 'admin', name: 'Demo admin' });
  return { email: DEMO_ADMIN_EMAIL, password: oneTimePassword! };
}
