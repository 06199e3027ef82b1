import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { safeNextPath } from '@/lib/auth/next-path';
import { readSession } from '@/lib/auth/session';
import { PasswordForm } from './password-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Change password · Burnrate' };

// Forced after signing in with a one-time password: proxy.ts sends every page here until then.
export default async function PasswordPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const session = await readSession(await headers());
  if (!session) redirect('/sign-in?next=%2Faccount%2Fpassword');
  return <PasswordForm email={session.user.email} forced={session.user.mustChangePassword} next={safeNextPath(next)} />;
}
