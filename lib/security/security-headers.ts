// The security headers every response carries. Two places send them: next.config.ts
// (the fixed ones, on every path, static files included: Next computes them at build time)
// and proxy.ts (what depends on the request or the deployment: the page's CSP with its
// per-request nonce, the API's CSP, HSTS). Pure: no env, no clock.

/** Fixed headers for every response, HTML or not. */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Links out (to a provider's console, a runbook) carry no path or query of ours.
  { key: 'Referrer-Policy', value: 'no-referrer' },
  // For browsers without CSP frame-ancestors.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  // A dashboard needs none of these. Only features every current browser knows: an unknown
  // one is logged as a console error.
  {
    key: 'Permissions-Policy',
    value: 'accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
  },
];

/** JSON, CSV and JSON lines are never documents: nothing may load, run or frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The pages' policy. Scripts only with this request's nonce (Next reads it from the
 * request's CSP header and puts it on its own scripts); 'strict-dynamic' lets those load
 * the route chunks. Dev mode needs 'unsafe-eval' (React rebuilds server error stacks with
 * eval) and inline <style> (hot reloading injects them without a nonce).
 */
export function pageContentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    // Style attributes need 'unsafe-inline': React's style={{…}} and Recharts write them, and
    // a nonce cannot cover an attribute. <style> elements still need the nonce where the
    // browser knows style-src-elem; older browsers fall back to style-src.
    "style-src 'self' 'unsafe-inline'",
    options.dev ? "style-src-elem 'self' 'unsafe-inline'" : `style-src-elem 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    // data: for the inline favicon (app/layout.tsx).
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Over plain http (localhost) this would send the browser to https that is not there.
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** HSTS, only for a deployment people reach over https: browsers ignore it over http anyway. */
export function strictTransportSecurity(publicUrl: string): string | null {
  return publicUrl.startsWith('https://') ? 'max-age=31536000; includeSubDomains' : null;
}

/** A fresh nonce per page request: 128 random bits, base64 (what Next's nonce pattern accepts). */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}
