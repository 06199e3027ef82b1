import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';

// proxy.ts for requests that need no session (the API, the sign-in page); signed-in pages
// are covered end to end (e2e/security-headers.spec.ts).
vi.stubEnv('BURNRATE_PUBLIC_URL', 'https://burnrate.example.com');
const { proxy } = await import('./proxy');

describe('proxy', () => {
  it('gives API answers their CSP and, over https, HSTS', async () => {
    const res = await proxy(new NextRequest('https://burnrate.example.com/api/health'));
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });

  it('gives a page a fresh nonce, in the response and in the request Next renders from', async () => {
    const nonces = [];
    for (let i = 0; i < 2; i += 1) {
      const res = await proxy(new NextRequest('https://burnrate.example.com/sign-in'));
      const csp = res.headers.get('content-security-policy')!;
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      // NextResponse.next({ request: { headers } }) passes request headers on this way.
      expect(res.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
      expect(csp).toContain('upgrade-insecure-requests');
      expect(res.headers.get('strict-transport-security')).toBeTruthy();
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});
