import type { Prisma, PrismaClient } from '@/generated/prisma/client';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/incidents/incident-actions';
import { normalizeEmail } from './login-limit';
import { generatePassword, hashPassword } from './password';
import { passwordProblem } from './password-rules';
import type { Role } from './roles';

// Users as the command line and the Settings > Users page manage them. Rows are the ones
// better-auth reads: a user plus a `credential` account whose accountId is the user's id and
// which holds the argon2id hash. Every change is audited with who made it (never a password),
// and no change may leave Burnrate without an active admin.

/** A user by email (the command line) or by id (the API). */
export type UserRef = { email: string } | { id: string };

export const COMMAND_LINE: Actor = { id: null, label: 'command line' };

export type UserSummary = { id: string; email: string; name: string; role: Role; mustChangePassword: boolean; disabled: boolean; lastLoginAt: Date | null; signIn: string[] };

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export async function createUser(
  db: PrismaClient,
  input: { email: string; role: Role; name?: string; password?: string },
  actor: Actor = COMMAND_LINE,
): Promise<{ user: UserSummary; oneTimePassword: string | null }> {
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email)) throw new AppError('bad_request', `"${input.email}" is not an email address`);
  const oneTimePassword = input.password === undefined ? generatePassword() : null;
  const password = input.password ?? oneTimePassword!;
  const problem = passwordProblem(password);
  if (problem) throw new AppError('bad_request', problem);
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw new AppError('conflict', `A user ${email} exists already`);
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    // emailVerified: an admin vouched for the address, so single sign-on may link to it.
    const created = await tx.user.create({ data: { email, name: input.name ?? email.split('@')[0]!, role: input.role, emailVerified: true, mustChangePassword: oneTimePassword !== null } });
    await tx.account.create({ data: { userId: created.id, accountId: created.id, providerId: 'credential', passwordHash } });
    await audit(tx, actor, 'user.create', created.id, null, { email, role: input.role });
    return created;
  });
  return { user: (await findUser(db, { id: user.id }))!, oneTimePassword };
}

export async function listUsers(db: PrismaClient): Promise<UserSummary[]> {
  const rows = await db.user.findMany({ orderBy: { email: 'asc' }, select: SELECT });
  return rows.map(summary);
}

const whereRef = (ref: UserRef) => ('id' in ref ? { id: ref.id } : { email: normalizeEmail(ref.email) });

export async function findUser(db: PrismaClient | Prisma.TransactionClient, ref: UserRef): Promise<UserSummary | null> {
  // A malformed id is no user, not a database error.
  if ('id' in ref && !UUID.test(ref.id)) return null;
  const row = await db.user.findUnique({ where: whereRef(ref), select: SELECT });
  return row ? summary(row) : null;
}

export async function setRole(db: PrismaClient, ref: UserRef, role: Role, actor: Actor = COMMAND_LINE): Promise<UserSummary> {
  return db.$transaction(async (tx) => {
    const before = await requireUser(tx, ref);
    if (before.role === role) return before;
    if (before.role === 'admin') await keepAnAdmin(tx, before, `make ${before.email} a ${role}`);
    await tx.user.update({ where: { id: before.id }, data: { role } });
    await audit(tx, actor, 'user.set_role', before.id, { role: before.role }, { role });
    return (await findUser(tx, { id: before.id }))!;
  });
}

/** Keeps the row (the audit log points at it), ends every session, refuses new ones. */
export async function disableUser(db: PrismaClient, ref: UserRef, now: number, actor: Actor = COMMAND_LINE): Promise<UserSummary> {
  return db.$transaction(async (tx) => {
    const before = await requireUser(tx, ref);
    if (before.disabled) return before;
    if (before.role === 'admin') await keepAnAdmin(tx, before, `disable ${before.email}`);
    await tx.user.update({ where: { id: before.id }, data: { disabledAt: new Date(now) } });
    await tx.session.deleteMany({ where: { userId: before.id } });
    await audit(tx, actor, 'user.disable', before.id, { disabled: false }, { disabled: true }, now);
    return (await findUser(tx, { id: before.id }))!;
  });
}

/** Lets a disabled user sign in again, with the role they had. */
export async function enableUser(db: PrismaClient, ref: UserRef, actor: Actor = COMMAND_LINE): Promise<UserSummary> {
  return db.$transaction(async (tx) => {
    const before = await requireUser(tx, ref);
    if (!before.disabled) return before;
    await tx.user.update({ where: { id: before.id }, data: { disabledAt: null } });
    await audit(tx, actor, 'user.enable', before.id, { disabled: true }, { disabled: false });
    return (await findUser(tx, { id: before.id }))!;
  });
}

/** Sets a password (and whether it is one-time); signs the user out everywhere. */
export async function setPassword(db: PrismaClient, ref: UserRef, password: string, options: { oneTime: boolean; actor?: Actor }): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new AppError('bad_request', problem);
  await requireUser(db, ref); // before the (deliberately slow) hash: an unknown user costs nothing
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const user = await requireUser(tx, ref);
    await tx.account.upsert({
      where: { providerId_accountId: { providerId: 'credential', accountId: user.id } },
      create: { userId: user.id, accountId: user.id, providerId: 'credential', passwordHash },
      update: { passwordHash },
    });
    await tx.user.update({ where: { id: user.id }, data: { mustChangePassword: options.oneTime } });
    await tx.session.deleteMany({ where: { userId: user.id } });
    // That it happened and whether it must be changed; never the password or its hash.
    await audit(tx, options.actor ?? COMMAND_LINE, 'user.reset_password', user.id, null, { oneTime: options.oneTime });
  });
}

/** A new one-time password for the user, who is signed out everywhere and must change it. */
export async function resetPassword(db: PrismaClient, ref: UserRef, actor: Actor = COMMAND_LINE): Promise<string> {
  const oneTime = generatePassword();
  await setPassword(db, ref, oneTime, { oneTime: true, actor });
  return oneTime;
}

async function requireUser(db: PrismaClient | Prisma.TransactionClient, ref: UserRef): Promise<UserSummary> {
  const user = await findUser(db, ref);
  if (!user) throw new AppError('not_found', 'id' in ref ? `No user ${ref.id}` : `No user ${normalizeEmail(ref.email)}; see \`burnrate admin list\``);
  return user;
}

/** Refuses a change that would leave no active admin: nobody could manage Burnrate any more. */
async function keepAnAdmin(tx: Prisma.TransactionClient, user: UserSummary, doing: string): Promise<void> {
  // Lock the admins, so two concurrent demotions cannot each see the other as the remaining one.
  const admins = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM app_user WHERE role = 'admin' AND disabled_at IS NULL FOR UPDATE`;
  if (!admins.some((a) => a.id !== user.id)) {
    throw new AppError('conflict', `Cannot ${doing}: they are the only active admin. Make someone else an admin first.`);
  }
}

function audit(tx: Prisma.TransactionClient, actor: Actor, action: string, targetId: string, before: Prisma.InputJsonObject | null, after: Prisma.InputJsonObject | null, at?: number) {
  return tx.auditEvent.create({
    data: { actorId: actor.id, actorEmail: actor.label, action, targetType: 'user', targetId, before: before ?? undefined, after: after ?? undefined, ...(at ? { at: new Date(at) } : {}) },
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
