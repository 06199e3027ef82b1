import { describe, expect, it } from 'vitest';
import { newNonce, pageContentSecurityPolicy, strictTransportSecurity } from './security-headers';

const directives = (csp: string) => new Map(csp.split('; ').map((d) => d.split(' ')).map(([name, ...values]) => [name!, values]));

describe('pageContentSecurityPolicy', () => {
  it('allows scripts only with the nonce in production, never inline', () => {
    const csp = directives(pageContentSecurityPolicy('abc123==', { dev: false, https: false }));
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp.get('style-src-elem')).toEqual(["'self'", "'nonce-abc123=='"]);
    for (const [name, values] of [
      ['object-src', ["'none'"]],
      ['frame-ancestors', ["'none'"]],
      ['base-uri', ["'self'"]],
      ['form-action', ["'self'"]],
    ] as const) {
      expect(csp.get(name), name).toEqual(values);
    }
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
  });

  it('adds eval and inline <style> in dev, and upgrades requests over https', () => {
    const dev = directives(pageContentSecurityPolicy('n', { dev: true, https: true }));
    expect(dev.get('script-src')).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'", "'unsafe-eval'"]);
    expect(dev.get('script-src')).not.toContain("'unsafe-inline'");
    expect(dev.get('style-src-elem')).toContain("'unsafe-inline'");
    expect(dev.has('upgrade-insecure-requests')).toBe(true);
  });
});

describe('strictTransportSecurity', () => {
  it.each([
    ['https://burnrate.example.com', 'max-age=31536000; includeSubDomains'],
    ['http://localhost:3000', null],
  ])('%s -> %s', (url, expected) => {
    expect(strictTransportSecurity(url)).toBe(expected);
  });
});

describe('newNonce', () => {
  it('is fresh each time and in the form Next reads back from the CSP header', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    // next/dist/server/app-render/get-script-nonce-from-header.js
    for (const n of nonces) expect(`'nonce-${n}'`).toMatch(/^'nonce-([A-Za-z0-9+/_-]+={0,2})'$/);
  });
});
