import { auth } from '@/lib/auth/auth';
import { errorResponse, MAX_BODY_BYTES } from '@/lib/http';
import { readBodyBytes } from '@/lib/security/read-json-body';

export const dynamic = 'force-dynamic';

// better-auth's own endpoints: sign-in, sign-out, session, change-password, single sign-on.
// Not route(): better-auth checks origins, rate-limits and answers errors itself. Built on
// first request, so that importing this module needs no database or secret. Its bodies are
// read here first, with route()'s limit, since better-auth reads them without one.
const handler = async (request: Request) => {
  if (request.method === 'GET' || request.method === 'HEAD') return auth().handler(request);
  try {
    const body = await readBodyBytes(request, { maxBytes: MAX_BODY_BYTES });
    return await auth().handler(new Request(request, { body }));
  } catch (error) {
    return errorResponse(error, request);
  }
};

export const GET = handler;
export const POST = handler;
