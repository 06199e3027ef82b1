import type { PrismaClient } from '@/generated/prisma/client';
import { LOGIN_LIMIT } from './login-limit';

// Storage for the per-account sign-in limit (login-limit.ts decides). A table rather than
// memory: the count survives a restart and holds across processes.

export async function recentLoginFailures(db: PrismaClient, email: string, now: number): Promise<number[]> {
  const rows = await db.loginFailure.findMany({ where: { email, at: { gt: new Date(now - LOGIN_LIMIT.windowMs) } }, select: { at: true }, orderBy: { at: 'asc' } });
  return rows.map((r) => r.at.getTime());
}

export async function recordLoginFailure(db: PrismaClient, input: { email: string; ip: string | null; now: number }): Promise<void> {
  await db.$transaction([
    db.loginFailure.create({ data: { email: input.email, ip: input.ip, at: new Date(input.now) } }),
    // Old rows are never read again: keep the table small.
    db.loginFailure.deleteMany({ where: { at: { lt: new Date(input.now - LOGIN_LIMIT.windowMs) } } }),
  ]);
}

export async function clearLoginFailures(db: PrismaClient, email: string): Promise<void> {
  await db.loginFailure.deleteMany({ where: { email } });
}
