// Where to go after signing in: `?next=` from the sign-in redirect. Only a path on this
// site; anything else (`//evil.example`, `https://…`, `/\evil`) would be an open redirect.
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f]/.test(next)) return fallback;
  if (next === '/sign-in' || next.startsWith('/sign-in?') || next.startsWith('/api/')) return fallback;
  return next;
}

/** The sign-in page's address for a path people were sent away from. */
export function signInPath(pathWithQuery: string): string {
  const next = safeNextPath(pathWithQuery, '');
  return next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
}
