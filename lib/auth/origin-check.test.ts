import { describe, expect, it } from 'vitest';
import { checkOrigin, normalizeOrigin, trustedOrigins } from './origin-check';

const TRUSTED = ['https://burnrate.example.com'];

describe('checkOrigin()', () => {
  it.each([
    ['GET from anywhere', { method: 'GET', origin: 'https://evil.example', secFetchSite: 'cross-site' }, null],
    ['HEAD', { method: 'HEAD', origin: null, secFetchSite: 'cross-site' }, null],
    ['POST from our page', { method: 'POST', origin: 'https://burnrate.example.com', secFetchSite: 'same-origin' }, null],
    ['POST, origin with default port and slash', { method: 'POST', origin: 'https://burnrate.example.com:443', secFetchSite: null }, null],
    ['POST without browser headers (curl)', { method: 'POST', origin: null, secFetchSite: null }, null],
    ['POST from the address bar', { method: 'POST', origin: null, secFetchSite: 'none' }, null],
    ['POST cross-site', { method: 'POST', origin: 'https://evil.example', secFetchSite: 'cross-site' }, /^Refused a cross-site request/],
    ['DELETE from a sibling subdomain', { method: 'DELETE', origin: 'https://x.example.com', secFetchSite: 'same-site' }, /^Refused a same-site request/],
    ['PUT from another origin, no fetch metadata', { method: 'PUT', origin: 'https://evil.example', secFetchSite: null }, /^Refused a request from origin https:\/\/evil\.example/],
    ['PATCH from an opaque origin', { method: 'PATCH', origin: 'null', secFetchSite: null }, /^Refused a request from origin null/],
    ['POST over http to an https deployment', { method: 'post', origin: 'http://burnrate.example.com', secFetchSite: 'same-origin' }, /^Refused a request from origin/],
  ])('%s', (_, request, expected) => {
    const result = checkOrigin(request, TRUSTED);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatch(expected);
  });
});

describe('trustedOrigins()', () => {
  it.each([
    ['http://localhost:3000', false, ['http://localhost:3000', 'http://127.0.0.1:3000']],
    ['http://localhost:3000', true, ['http://localhost:3000']],
    ['https://burnrate.example.com/', true, ['https://burnrate.example.com']],
    ['http://10.0.0.5:3000', false, ['http://10.0.0.5:3000']],
  ])('%s (configured: %s)', (url, configured, expected) => {
    expect(trustedOrigins(url, configured)).toEqual(expected);
  });

  it('normalises origins and leaves non-URLs alone', () => {
    expect(normalizeOrigin('HTTPS://Burnrate.Example.com:443/path')).toBe('https://burnrate.example.com');
    expect(normalizeOrigin('null')).toBe('null');
  });
});
