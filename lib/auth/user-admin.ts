import type { PrismaClient } from '@/generated/prisma/client';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/incidents/incident-actions';
import type { CreateUserInput, OneTimePasswordAnswer, UpdateUserInput, UserView } from './user-schemas';
import { createUser, disableUser, enableUser, findUser, listUsers, resetPassword, setRole, type UserSummary } from './users';

// The Settings > Users API over lib/auth/users.ts: the same rules as `burnrate admin`
// (audited, never without an active admin), by id, with the admin who acted.

function userView(u: UserSummary): UserView {
  return { id: u.id, email: u.email, name: u.name, role: u.role, signIn: u.signIn, mustChangePassword: u.mustChangePassword, disabled: u.disabled, lastLoginAt: u.lastLoginAt?.toISOString() ?? null };
}

export async function listUserViews(db: PrismaClient): Promise<UserView[]> {
  return (await listUsers(db)).map(userView);
}

/** A new user with a one-time password, returned this once; they must change it at first sign-in. */
export async function addUser(db: PrismaClient, input: CreateUserInput, actor: Actor): Promise<OneTimePasswordAnswer> {
  const { user, oneTimePassword } = await createUser(db, { email: input.email, role: input.role, name: input.name }, actor);
  return { user: userView(user), oneTimePassword: oneTimePassword! };
}

export async function updateUser(db: PrismaClient, id: string, change: UpdateUserInput, actor: Actor, nowMs: number): Promise<UserView> {
  // Signing yourself out of Burnrate for good is never what was meant.
  if (change.disabled === true && id === actor.id) throw new AppError('conflict', 'You cannot disable yourself; ask another admin.');
  if (change.role !== undefined) return userView(await setRole(db, { id }, change.role, actor));
  return userView(change.disabled ? await disableUser(db, { id }, nowMs, actor) : await enableUser(db, { id }, actor));
}

export async function resetUserPassword(db: PrismaClient, id: string, actor: Actor): Promise<OneTimePasswordAnswer> {
  const oneTimePassword = await resetPassword(db, { id }, actor);
  return { user: userView((await findUser(db, { id }))!), oneTimePassword };
}
