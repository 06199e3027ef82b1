import { auth } from '@/lib/auth/auth';

export const dynamic = 'force-dynamic';

// better-auth's own endpoints: sign-in, sign-out, session, change-password, single sign-on.
// Not route(): better-auth checks origins, rate-limits and answers errors itself. Built on
// first request, so that importing this module needs no database or secret.
const handler = (request: Request) => auth().handler(request);

export const GET = handler;
export const POST = handler;
