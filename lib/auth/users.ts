import type { PrismaClient } from '@/generated/prisma/client';
import { AppError } from '@/lib/errors';
import { normalizeEmail } from './login-limit';
import { generatePassword, hashPassword } from './password';
import { passwordProblem } from './password-rules';
import type { Role } from './roles';

// Users as the command line manages them. Rows are the ones better-auth reads: a user plus
// a `credential` account whose accountId is the user's id and which holds the argon2id hash.

export type UserSummary = { id: string; email: string; name: string; role: Role; mustChangePassword: boolean; disabled: boolean; lastLoginAt: Date | null; signIn: string[] };

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export async function createUser(
  db: PrismaClient,
  input: { email: string; role: Role; name?: string; password?: string },
): Promise<{ user: UserSummary; oneTimePassword: string | null }> {
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email)) throw new AppError('bad_request', `"${input.email}" is not an email address`);
  const oneTimePassword = input.password === undefined ? generatePassword() : null;
  const password = input.password ?? oneTimePassword!;
  const problem = passwordProblem(password);
  if (problem) throw new AppError('bad_request', problem);
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw new AppError('conflict', `A user ${email} exists already; see \`burnrate admin list\``);
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    // emailVerified: an admin vouched for the address, so single sign-on may link to it.
    const created = await tx.user.create({ data: { email, name: input.name ?? email.split('@')[0]!, role: input.role, emailVerified: true, mustChangePassword: oneTimePassword !== null } });
    await tx.account.create({ data: { userId: created.id, accountId: created.id, providerId: 'credential', passwordHash } });
    await tx.auditEvent.create({ data: { actorEmail: 'command line', action: 'user.create', targetType: 'user', targetId: created.id, after: { email, role: input.role } } });
    return created;
  });
  return { user: (await findUser(db, user.email))!, oneTimePassword };
}

export async function listUsers(db: PrismaClient): Promise<UserSummary[]> {
  const rows = await db.user.findMany({ orderBy: { email: 'asc' }, select: SELECT });
  return rows.map(summary);
}

export async function findUser(db: PrismaClient, email: string): Promise<UserSummary | null> {
  const row = await db.user.findUnique({ where: { email: normalizeEmail(email) }, select: SELECT });
  return row ? summary(row) : null;
}

export async function setRole(db: PrismaClient, email: string, role: Role): Promise<UserSummary> {
  const before = await requireUser(db, email);
  await db.$transaction([
    db.user.update({ where: { id: before.id }, data: { role } }),
    db.auditEvent.create({ data: { actorEmail: 'command line', action: 'user.set_role', targetType: 'user', targetId: before.id, before: { role: before.role }, after: { role } } }),
  ]);
  return (await findUser(db, email))!;
}

/** Keeps the row (the audit log points at it), ends every session, refuses new ones. */
export async function disableUser(db: PrismaClient, email: string, now: number): Promise<UserSummary> {
  const before = await requireUser(db, email);
  await db.$transaction([
    db.user.update({ where: { id: before.id }, data: { disabledAt: new Date(now) } }),
    db.session.deleteMany({ where: { userId: before.id } }),
    db.auditEvent.create({ data: { actorEmail: 'command line', action: 'user.disable', targetType: 'user', targetId: before.id, at: new Date(now) } }),
  ]);
  return (await findUser(db, email))!;
}

/** Sets a password (and whether it is one-time); signs the user out everywhere. */
export async function setPassword(db: PrismaClient, email: string, password: string, options: { oneTime: boolean }): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new AppError('bad_request', problem);
  const user = await requireUser(db, email);
  const passwordHash = await hashPassword(password);
  await db.$transaction([
    db.account.upsert({
      where: { providerId_accountId: { providerId: 'credential', accountId: user.id } },
      create: { userId: user.id, accountId: user.id, providerId: 'credential', passwordHash },
      update: { passwordHash },
    }),
    db.user.update({ where: { id: user.id }, data: { mustChangePassword: options.oneTime } }),
    db.session.deleteMany({ where: { userId: user.id } }),
  ]);
}

async function requireUser(db: PrismaClient, email: string): Promise<UserSummary> {
  const user = await findUser(db, email);
  if (!user) throw new AppError('not_found', `No user ${normalizeEmail(email)}; see \`burnrate admin list\``);
  return user;
}

const SELECT = { id: true, email: true, name: true, role: true, mustChangePassword: true, disabledAt: true, lastLoginAt: true, accounts: { select: { providerId: true } } } as const;

function summary(row: { id: string; email: string; name: string; role: Role; mustChangePassword: boolean; disabledAt: Date | null; lastLoginAt: Date | null; accounts: { providerId: string }[] }): UserSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    mustChangePassword: row.mustChangePassword,
    disabled: row.disabledAt !== null,
    lastLoginAt: row.lastLoginAt,
    signIn: row.accounts.map((a) => (a.providerId === 'credential' ? 'password' : 'sso')).sort(),
  };
}
