import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { ssoButton } from '@/lib/auth/auth-config';
import { safeNextPath } from '@/lib/auth/next-path';
import { readSession } from '@/lib/auth/session';
import { ssoErrorMessage } from '@/lib/auth/sign-in-messages';
import { env } from '@/lib/env';
import { SignInForm } from './sign-in-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in · Burnrate' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  const target = safeNextPath(next);
  const session = await readSession(await headers()).catch(() => null);
  if (session) redirect(session.user.mustChangePassword ? `/account/password?next=${encodeURIComponent(target)}` : target);
  return <SignInForm next={target} sso={ssoButton(env())} ssoError={error ? ssoErrorMessage(error) : null} />;
}
