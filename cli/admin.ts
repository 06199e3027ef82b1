import { parseArgs } from 'node:util';
import { passwordProblem } from '@/lib/auth/password-rules';
import { isRole, ROLES } from '@/lib/auth/roles';
import { createUser, disableUser, listUsers, resetPassword, setRole, type UserSummary } from '@/lib/auth/users';
import { createPrisma } from '@/lib/db';
import type { Env } from '@/lib/env';
import { openDatabase } from './open-database';
import { readHidden } from './read-hidden';

// `npx burnrate admin …`: the users who may sign in. A real deployment creates its first
// admin here. One-time passwords go to stdout alone (never to the log); the user must
// change them at first sign-in.

const USAGE = `Usage:
  burnrate admin create --email <email> [--role viewer|oncall|finance|admin] [--name <name>]
                                      add a user (role admin unless given); asks for a password
                                      on a terminal, else prints a one-time password
  burnrate admin list                 show users, roles and how they sign in
  burnrate admin set-role <email> <role>
  burnrate admin disable <email>      sign the user out everywhere and refuse new sign-ins
  burnrate admin reset-password <email>
                                      print a new one-time password (signs the user out)`;

export async function adminCommand(env: Env, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [action, ...rest] = positionals;
  const arity: Record<string, number> = { create: 0, list: 0, 'set-role': 2, disable: 1, 'reset-password': 1 };
  if (!action || arity[action] === undefined || rest.length !== arity[action]) {
    throw new Error(`burnrate: ${action ? `cannot run "admin ${positionals.join(' ')}"` : 'admin needs an action'}\n${USAGE}`);
  }
  if (action !== 'create' && (values.email || values.role || values.name)) throw new Error(`burnrate: --email, --role and --name go with create only\n${USAGE}`);
  if (action === 'create' && !values.email) throw new Error(`burnrate: admin create needs --email\n${USAGE}`);
  const role = action === 'set-role' ? rest[1] : (values.role ?? 'admin');
  if (!isRole(role)) throw new Error(`burnrate: "${role}" is not a role; use one of ${ROLES.join(', ')}`);
  // Ask before starting the database: a typo should not wait for Postgres.
  const password = action === 'create' && process.stdin.isTTY ? await askPassword() : undefined;

  const database = await openDatabase(env);
  const db = createPrisma(database.url, 2);
  try {
    if (action === 'create') {
      const { user, oneTimePassword } = await createUser(db, { email: values.email!, role, name: values.name, password });
      console.error(`burnrate: created ${user.email} with role ${user.role}.`);
      if (oneTimePassword) printOneTime(oneTimePassword);
    } else if (action === 'list') {
      const users = await listUsers(db);
      console.log(users.length ? table(users) : 'burnrate: no users yet; add one with `npx burnrate admin create --email you@example.com`');
    } else if (action === 'set-role') {
      const user = await setRole(db, { email: rest[0]! }, role);
      console.log(`burnrate: ${user.email} now has role ${user.role} (from their next request on)`);
    } else if (action === 'disable') {
      const user = await disableUser(db, { email: rest[0]! }, Date.now());
      console.log(`burnrate: ${user.email} is disabled and signed out everywhere`);
    } else {
      const oneTime = await resetPassword(db, { email: rest[0]! });
      console.error(`burnrate: new password for ${rest[0]!.toLowerCase()}; they are signed out everywhere.`);
      printOneTime(oneTime);
    }
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

function printOneTime(password: string) {
  console.error('One-time password (shown only now; it must be changed at first sign-in):');
  console.log(password);
}

async function askPassword(): Promise<string | undefined> {
  const first = await readHidden('Password (at least 12 characters; empty for a one-time password): ');
  if (first === '') return undefined;
  const problem = passwordProblem(first);
  if (problem) throw new Error(`burnrate: ${problem}`);
  if ((await readHidden('Again: ')) !== first) throw new Error('burnrate: the two passwords differ; nothing was created');
  return first;
}

function table(users: UserSummary[]): string {
  const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '-');
  const status = (u: UserSummary) => (u.disabled ? 'disabled' : u.mustChangePassword ? 'must change password' : 'active');
  const rows = [['EMAIL', 'ROLE', 'SIGN-IN', 'LAST SIGN-IN', 'STATUS'], ...users.map((u) => [u.email, u.role, u.signIn.join('+') || '-', when(u.lastLoginAt), status(u)])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}
