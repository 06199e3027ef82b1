import { NextResponse, type NextRequest } from 'next/server';
import { signInPath } from '@/lib/auth/next-path';
import { readSession } from '@/lib/auth/session';
import { env, publicUrl } from '@/lib/env';
import { API_CONTENT_SECURITY_POLICY, newNonce, pageContentSecurityPolicy, strictTransportSecurity } from '@/lib/security/security-headers';

// Pages need a signed-in user: anonymous browsers go to /sign-in?next=<where they were>,
// and a user holding a one-time password goes to /account/password first. API routes answer
// 401/403 JSON themselves (lib/http.ts route()), so they only get their headers here. Next 16
// runs proxy.ts (formerly middleware.ts) on the Node.js runtime, so the session is checked in
// full against the database, not just by the cookie's presence.
//
// Every response also gets its Content-Security-Policy here (pages: a fresh nonce, which
// Next reads back from the request's CSP header and sets on its scripts) and HSTS when
// people reach us over https; the fixed headers come from next.config.ts.

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const hsts = strictTransportSecurity(publicUrl(env()));
  if (pathname.startsWith('/api/')) return withHeaders(NextResponse.next(), API_CONTENT_SECURITY_POLICY, hsts);

  const csp = pageContentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === 'development', https: hsts !== null });
  if (pathname !== '/sign-in') {
    const session = await readSession(request.headers).catch(() => null);
    if (!session) return withHeaders(NextResponse.redirect(new URL(signInPath(pathname + search), request.url)), csp, hsts);
    if (session.user.mustChangePassword && pathname !== '/account/password') {
      return withHeaders(NextResponse.redirect(new URL(`/account/password?next=${encodeURIComponent(pathname + search)}`, request.url)), csp, hsts);
    }
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp, hsts);
}

function withHeaders(response: NextResponse, csp: string, hsts: string | null): NextResponse {
  response.headers.set('content-security-policy', csp);
  if (hsts) response.headers.set('strict-transport-security', hsts);
  return response;
}

export const config = {
  // Everything but Next's own static files and static files by extension.
  matcher: ['/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|css|js|map)$).*)'],
};
