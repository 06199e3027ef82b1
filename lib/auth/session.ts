import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/incidents/incident-actions';
import { auth } from './auth';
import { isRole, type Role } from './roles';

// Who sent a request: the signed-in user behind the session cookie, or null.

export type SessionUser = { id: string; email: string; role: Role; name: string; mustChangePassword: boolean };
export type CurrentSession = { user: SessionUser };

export async function readSession(headers: Headers): Promise<CurrentSession | null> {
  const found = await auth().api.getSession({ headers });
  if (!found) return null;
  const { user } = found;
  // The column is an enum; anything else means the schema and this code disagree.
  if (!isRole(user.role)) throw new AppError('internal', `User ${user.id} has an unknown role`);
  return { user: { id: user.id, email: user.email, role: user.role, name: user.name, mustChangePassword: user.mustChangePassword === true } };
}

/** What incident timelines and the audit log record for a user. */
export function actorOf(user: Pick<SessionUser, 'id' | 'email'>): Actor {
  return { id: user.id, label: user.email };
}
