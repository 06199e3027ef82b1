import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('has defaults for everything', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, BURNRATE_HOST: '127.0.0.1', BURNRATE_DATA_DIR: '.data', BURNRATE_DEMO: 'auto' });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    const env = parseEnv({ DATABASE_URL: '', PORT: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });

  it('accepts a complete single sign-on configuration', () => {
    const env = parseEnv({ BURNRATE_OIDC_ISSUER: 'https://idp.example.com', BURNRATE_OIDC_CLIENT_ID: 'burnrate', BURNRATE_OIDC_CLIENT_SECRET_FILE: '/run/secrets/oidc', BURNRATE_OIDC_ALLOWED_DOMAINS: 'example.com,example.org' });
    expect(env).toMatchObject({ BURNRATE_OIDC_ISSUER: 'https://idp.example.com', BURNRATE_OIDC_NAME: 'SSO' });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: /],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgresql:\/\/ URL, or unset to use the embedded database/],
    [{ BURNRATE_DEMO: 'yes' }, /BURNRATE_DEMO must be auto, on or off/],
    [{ BURNRATE_AUTH_SECRET: 'short' }, /BURNRATE_AUTH_SECRET must be at least 32 characters; make one with `openssl rand -base64 32`/],
    [{ BURNRATE_OIDC_ISSUER: 'https://idp.example.com' }, /single sign-on needs BURNRATE_OIDC_CLIENT_ID and BURNRATE_OIDC_CLIENT_SECRET\(_FILE\) as well/],
    [{ BURNRATE_OIDC_ISSUER: 'idp.example.com', BURNRATE_OIDC_CLIENT_ID: 'c', BURNRATE_OIDC_CLIENT_SECRET: 's' }, /BURNRATE_OIDC_ISSUER must be the issuer URL/],
    [{ BURNRATE_OIDC_CLIENT_SECRET: 's', BURNRATE_OIDC_CLIENT_SECRET_FILE: '/f' }, /set BURNRATE_OIDC_CLIENT_SECRET or BURNRATE_OIDC_CLIENT_SECRET_FILE, not both/],
    [{ BURNRATE_OIDC_ALLOWED_DOMAINS: 'example.com, @nope' }, /BURNRATE_OIDC_ALLOWED_DOMAINS must be email domains/],
  ])('explains %o', (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });
});
