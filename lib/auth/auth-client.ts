import { createAuthClient } from 'better-auth/client';

// better-auth's browser client, for the sign-in, password and sign-out buttons. Created on
// first use, in the browser: it talks to /api/auth on the page's own origin.
let client: ReturnType<typeof createAuthClient> | undefined;

export function authClient() {
  client ??= createAuthClient({ baseURL: window.location.origin, basePath: '/api/auth' });
  return client;
}
