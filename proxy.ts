import { NextResponse, type NextRequest } from 'next/server';
import { signInPath } from '@/lib/auth/next-path';
import { readSession } from '@/lib/auth/session';

// Pages need a signed-in user: anonymous browsers go to /sign-in?next=<where they were>,
// and a user holding a one-time password goes to /account/password first. API routes answer
// 401/403 JSON themselves (lib/http.ts route()), so they are not matched here. Next 16 runs
// proxy.ts (formerly middleware.ts) on the Node.js runtime, so the session is checked in
// full against the database, not just by the cookie's presence.

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const session = await readSession(request.headers).catch(() => null);
  if (!session) return NextResponse.redirect(new URL(signInPath(pathname + search), request.url));
  if (session.user.mustChangePassword && pathname !== '/account/password') {
    return NextResponse.redirect(new URL(`/account/password?next=${encodeURIComponent(pathname + search)}`, request.url));
  }
  return NextResponse.next();
}

export const config = {
  // Everything but the API, the sign-in page, Next's own files and static files.
  matcher: ['/((?!api/|_next/|sign-in|favicon\\.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|css|js|map)$).*)'],
};
