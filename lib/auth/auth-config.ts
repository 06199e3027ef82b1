import { readFileSync } from 'node:fs';
import { publicUrl, type Env } from '@/lib/env';
import { loadAuthSecret } from './auth-secret';
import { trustedOrigins } from './origin-check';

// What better-auth and the route wrapper need from the environment, in one place.

export type OidcConfig = { issuer: string; clientId: string; clientSecret: string; name: string; allowedDomains: string[] };

export type AuthConfig = {
  secret: string;
  baseURL: string;
  trustedOrigins: string[];
  /** Secure cookies (with the __Secure- prefix) exactly when people reach us over https. */
  secureCookies: boolean;
  oidc: OidcConfig | null;
  /** Proxies whose X-Forwarded-For entries are skipped to find the client's address. */
  trustedProxies: string[];
};

export function authConfig(env: Env): AuthConfig {
  const baseURL = publicUrl(env);
  return {
    secret: loadAuthSecret(env),
    baseURL,
    trustedOrigins: originsFor(env),
    secureCookies: baseURL.startsWith('https://'),
    oidc: oidcConfig(env),
    trustedProxies: (env.BURNRATE_TRUSTED_PROXIES ?? '').split(',').map((p) => p.trim()).filter(Boolean),
  };
}

export function originsFor(env: Pick<Env, 'BURNRATE_PUBLIC_URL' | 'BURNRATE_HOST' | 'PORT'>): string[] {
  return trustedOrigins(publicUrl(env), Boolean(env.BURNRATE_PUBLIC_URL));
}

export function oidcConfig(env: Env): OidcConfig | null {
  if (!env.BURNRATE_OIDC_ISSUER || !env.BURNRATE_OIDC_CLIENT_ID) return null;
  const clientSecret = env.BURNRATE_OIDC_CLIENT_SECRET ?? readSecret(env.BURNRATE_OIDC_CLIENT_SECRET_FILE);
  return {
    issuer: env.BURNRATE_OIDC_ISSUER,
    clientId: env.BURNRATE_OIDC_CLIENT_ID,
    clientSecret,
    name: env.BURNRATE_OIDC_NAME,
    allowedDomains: (env.BURNRATE_OIDC_ALLOWED_DOMAINS ?? '').split(',').map((d) => d.trim().toLowerCase()).filter(Boolean),
  };
}

function readSecret(file: string | undefined): string {
  if (!file) throw new Error('burnrate: set BURNRATE_OIDC_CLIENT_SECRET or BURNRATE_OIDC_CLIENT_SECRET_FILE');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new Error(`burnrate: cannot read BURNRATE_OIDC_CLIENT_SECRET_FILE (${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
}

/** What the sign-in page may know: whether to show the single sign-on button, and its label. */
export function ssoButton(env: Env): { name: string } | null {
  return env.BURNRATE_OIDC_ISSUER && env.BURNRATE_OIDC_CLIENT_ID ? { name: env.BURNRATE_OIDC_NAME } : null;
}
