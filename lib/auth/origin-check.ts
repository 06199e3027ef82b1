// CSRF protection for our own route handlers (better-auth checks its endpoints itself).
// Session cookies are SameSite=Lax, which already keeps them off cross-site POSTs; this is
// the second lock: a state-changing request from a browser must come from one of our pages.
// Browsers send Sec-Fetch-Site and Origin on every fetch and form POST. A request with
// neither is not from a browser (curl, a script holding a session cookie): no CSRF there.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type OriginHeaders = { method: string; origin: string | null; secFetchSite: string | null };

/** Null when the request may go on; otherwise the 403 message. */
export function checkOrigin(request: OriginHeaders, trustedOrigins: readonly string[]): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const site = request.secFetchSite?.toLowerCase();
  // `none`: typed into the address bar or a bookmark, never a cross-site request.
  if (site && site !== 'same-origin' && site !== 'none') {
    return `Refused a ${site} request: changes must come from Burnrate's own pages`;
  }
  if (request.origin === null) return null;
  if (request.origin === 'null' || !trustedOrigins.includes(normalizeOrigin(request.origin))) {
    return `Refused a request from origin ${request.origin}: changes must come from Burnrate's own pages (set BURNRATE_PUBLIC_URL to the address people open)`;
  }
  return null;
}

export function originHeaders(request: Request): OriginHeaders {
  return { method: request.method, origin: request.headers.get('origin'), secFetchSite: request.headers.get('sec-fetch-site') };
}

/** `https://Example.com:443/` -> `https://example.com`; not a URL -> the text as it is. */
export function normalizeOrigin(text: string): string {
  try {
    return new URL(text).origin;
  } catch {
    return text;
  }
}

/**
 * The origins people open Burnrate at: the public URL and, when none is configured (a
 * local trial), both loopback spellings, since a browser at 127.0.0.1 sends that origin.
 */
export function trustedOrigins(publicUrl: string, configured: boolean): string[] {
  const origin = normalizeOrigin(publicUrl);
  if (configured) return [origin];
  const url = new URL(origin);
  if (url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') return [origin];
  const port = url.port ? `:${url.port}` : '';
  return [`${url.protocol}//localhost${port}`, `${url.protocol}//127.0.0.1${port}`];
}
