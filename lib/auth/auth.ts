import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError, createAuthMiddleware, getIP, isAPIError } from 'better-auth/api';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import type { PrismaClient } from '@/generated/prisma/client';
import { prisma } from '@/lib/db';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { authConfig, type AuthConfig } from './auth-config';
import { clearLoginFailures, recentLoginFailures, recordLoginFailure } from './login-attempts';
import { loginLimit, loginLimitMessage, normalizeEmail } from './login-limit';
import { hashPassword, verifyPassword } from './password';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-rules';
import { ROLES } from './roles';

// better-auth, configured for Burnrate: email + password (argon2id) and, when configured,
// OpenID Connect single sign-on; sessions in Postgres through the Prisma client; no public
// sign-up (users come from `burnrate admin create` or single sign-on).

export const OIDC_PROVIDER_ID = 'oidc';
const SIGN_IN_PATH = '/sign-in/email';

export function createAuth(db: PrismaClient, config: AuthConfig) {
  return betterAuth({
    appName: 'Burnrate',
    baseURL: config.baseURL,
    basePath: '/api/auth',
    secret: config.secret,
    trustedOrigins: config.trustedOrigins,
    telemetry: { enabled: false },
    database: prismaAdapter(db, { provider: 'postgresql', transaction: true }),
    user: {
      modelName: 'user',
      additionalFields: {
        // `input: false`: no sign-in or update request can set these; only the CLI and hooks.
        role: { type: [...ROLES], required: false, defaultValue: 'viewer', input: false },
        mustChangePassword: { type: 'boolean', required: false, defaultValue: false, input: false },
      },
      validateUserInfo: ({ user, source }) => {
        if (source.method !== 'oauth' || config.oidc?.allowedDomains.length === undefined || config.oidc.allowedDomains.length === 0) return;
        const domain = String(user.email ?? '').split('@').pop()?.toLowerCase() ?? '';
        if (!config.oidc.allowedDomains.includes(domain)) return { error: 'domain_not_allowed', errorDescription: `Single sign-on is open to ${config.oidc.allowedDomains.join(', ')} addresses only` };
      },
    },
    session: { modelName: 'session' },
    account: {
      modelName: 'account',
      fields: { password: 'passwordHash' },
      encryptOAuthTokens: true,
      // A user an admin created can later sign in with single sign-on under the same email.
      accountLinking: { enabled: true, trustedProviders: [OIDC_PROVIDER_ID] },
    },
    verification: { modelName: 'verification' },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    rateLimit: {
      enabled: true,
      storage: 'memory',
      // Per IP address. The per-account limit is the hook below.
      customRules: { [SIGN_IN_PATH]: { window: 60, max: 10 }, '/change-password': { window: 60, max: 10 } },
    },
    advanced: {
      useSecureCookies: config.secureCookies,
      // Explicit: better-auth turns both off when NODE_ENV is test, and tests should see
      // what production does.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      cookiePrefix: 'burnrate',
      // Next sets X-Forwarded-For to the peer's address only when the client sent none; behind
      // proxies that append to it, name them so the client's own address is found.
      ipAddress: config.trustedProxies.length > 0 ? { trustedProxies: config.trustedProxies } : undefined,
      database: { generateId: 'uuid' },
    },
    plugins: config.oidc
      ? [
          genericOAuth({
            config: [
              {
                providerId: OIDC_PROVIDER_ID,
                name: config.oidc.name,
                discoveryUrl: `${config.oidc.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
                requireIdTokenVerification: true,
                clientId: config.oidc.clientId,
                clientSecret: config.oidc.clientSecret,
                scopes: ['openid', 'email', 'profile'],
                pkce: true,
              },
            ],
          }),
        ]
      : [],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN_PATH || typeof ctx.body?.email !== 'string') return;
        const now = Date.now();
        const decision = loginLimit(await recentLoginFailures(db, normalizeEmail(ctx.body.email), now), now);
        if (!decision.allowed) {
          throw new APIError('TOO_MANY_REQUESTS', { message: loginLimitMessage(decision.retryAfterSeconds), code: 'ACCOUNT_RATE_LIMITED' }, { 'retry-after': String(decision.retryAfterSeconds) });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN_PATH || typeof ctx.body?.email !== 'string') return;
        const email = normalizeEmail(ctx.body.email);
        const returned = ctx.context.returned;
        if (isAPIError(returned)) {
          if (returned.statusCode === 401) {
            const ip = ctx.request ? getIP(ctx.request, ctx.context.options) : null;
            await recordLoginFailure(db, { email, ip: ip ?? null, now: Date.now() });
            logger.warn('sign_in_failed', { email, ip });
          }
          return;
        }
        await clearLoginFailures(db, email);
      }),
    },
    databaseHooks: {
      session: {
        create: {
          // A disabled user keeps their row (the audit log points at it) but gets no session.
          async before(session) {
            const user = await db.user.findUnique({ where: { id: session.userId }, select: { disabledAt: true } });
            if (user?.disabledAt) throw new APIError('FORBIDDEN', { message: 'This account is disabled; ask an admin to enable it', code: 'ACCOUNT_DISABLED' });
          },
          async after(session) {
            await db.user.update({ where: { id: session.userId }, data: { lastLoginAt: new Date() } });
          },
        },
      },
      account: {
        update: {
          // Credential accounts change only when their password does: it is no longer one-time.
          async after(account) {
            if (account.providerId === 'credential') await db.user.update({ where: { id: account.userId }, data: { mustChangePassword: false } });
          },
        },
      },
    },
    logger: {
      level: 'warn',
      // Only the message: better-auth's extra arguments can hold request data.
      log: (level, message) => logger[level]('auth_library', { message }),
    },
  } satisfies BetterAuthOptions);
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { burnrateAuth?: Auth };

/** The server process's better-auth, built on first use from the environment. */
export function auth(): Auth {
  globalForAuth.burnrateAuth ??= createAuth(prisma(), authConfig(env()));
  return globalForAuth.burnrateAuth;
}
