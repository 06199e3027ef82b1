import type { PrismaClient } from '@/generated/prisma/client';
import type { Role } from '@/lib/auth/roles';

// For integration tests that call route handlers: a user of the given role, signed in through
// better-auth, and a cookie header carrying their session. Set DATABASE_URL to the test's
// database first (the handlers' prisma() and auth() read it once per test file).
export async function signInAs(db: PrismaClient, role: Role, email = `${role}@example.com`): Promise<{ cookie: string; email: string }> {
  process.env.BURNRATE_AUTH_SECRET ??= 'integration-test-auth-secret'.padEnd(40, 'x');
  const { createUser } = await import('@/lib/auth/users');
  const { auth } = await import('@/lib/auth/auth');
  const password = 'integration test password';
  await createUser(db, { email, role, password });
  const origin = 'http://localhost:3000';
  const res = await auth().handler(
    new Request(`${origin}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ email, password }) }),
  );
  if (res.status !== 200) throw new Error(`signInAs(${role}): sign-in answered ${res.status}`);
  return { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), email };
}
