import { z } from 'zod';
import { isMasterKeyListText, isMasterKeyText, MASTER_KEY_ADVICE } from '@/lib/secrets/master-key';

const MAKE_SECRET = 'make one with `openssl rand -base64 32`';

// Every setting Burnrate reads from the environment, parsed once. Messages say how to fix
// the value. `.env.example` documents each of them; keep the two in step.
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL, or unset to use the embedded database')
    .optional(),
  BURNRATE_DATA_DIR: z.string().min(1).default('.data'),
  BURNRATE_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Not HOSTNAME: shells and containers set that to the machine's name.
  BURNRATE_HOST: z.string().min(1).default('127.0.0.1'),
  BURNRATE_PUBLIC_URL: z.url('BURNRATE_PUBLIC_URL must be a full URL such as https://burnrate.example.com').optional(),
  // PagerDuty's Events API; only a test or an EU/proxy setup changes it.
  BURNRATE_PAGERDUTY_EVENTS_URL: z.url('BURNRATE_PAGERDUTY_EVENTS_URL must be a full URL such as https://events.pagerduty.com').optional(),
  BURNRATE_DEMO: z.enum(['auto', 'on', 'off'], { message: 'BURNRATE_DEMO must be auto, on or off' }).default('auto'),
  BURNRATE_SCHEDULER: z.enum(['on', 'off'], { message: 'BURNRATE_SCHEDULER must be on or off' }).default('on'),
  // The team's local time: off-hours, the hour-of-week profiles, evidence's local times.
  BURNRATE_TIMEZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'BURNRATE_TIMEZONE must be an IANA time zone such as Europe/Berlin or America/New_York')
    .default('UTC'),
  // Encrypts stored secrets (lib/secrets/master-key.ts). Unset: a key generated once into
  // BURNRATE_DATA_DIR/master.key. PREVIOUS: older keys, comma-separated, while rotating.
  BURNRATE_MASTER_KEY: z.string().refine(isMasterKeyText, `BURNRATE_MASTER_KEY ${MASTER_KEY_ADVICE}`).optional(),
  BURNRATE_MASTER_KEY_FILE: z.string().optional(),
  BURNRATE_MASTER_KEY_PREVIOUS: z
    .string()
    .refine(isMasterKeyListText, `each comma-separated key in BURNRATE_MASTER_KEY_PREVIOUS ${MASTER_KEY_ADVICE}`)
    .optional(),
  BURNRATE_MASTER_KEY_PREVIOUS_FILE: z.string().optional(),
  // Signs session cookies and encrypts single sign-on tokens (lib/auth/auth-secret.ts). Unset:
  // a secret generated once into BURNRATE_DATA_DIR/auth.secret.
  BURNRATE_AUTH_SECRET: z.string().min(32, `BURNRATE_AUTH_SECRET must be at least 32 characters; ${MAKE_SECRET}`).optional(),
  BURNRATE_AUTH_SECRET_FILE: z.string().optional(),
  // OpenID Connect single sign-on, with any provider that publishes
  // <issuer>/.well-known/openid-configuration. All three, or none.
  BURNRATE_OIDC_ISSUER: z.url('BURNRATE_OIDC_ISSUER must be the issuer URL, such as https://accounts.google.com or https://login.example.com/realms/main').optional(),
  BURNRATE_OIDC_CLIENT_ID: z.string().optional(),
  BURNRATE_OIDC_CLIENT_SECRET: z.string().optional(),
  BURNRATE_OIDC_CLIENT_SECRET_FILE: z.string().optional(),
  // The sign-in button's label: "Sign in with <name>".
  BURNRATE_OIDC_NAME: z.string().min(1).default('SSO'),
  // Comma-separated email domains single sign-on may create users for; unset: any.
  BURNRATE_OIDC_ALLOWED_DOMAINS: z
    .string()
    .regex(/^\s*[a-z0-9.-]+\.[a-z]{2,}\s*(,\s*[a-z0-9.-]+\.[a-z]{2,}\s*)*$/i, 'BURNRATE_OIDC_ALLOWED_DOMAINS must be email domains separated by commas, such as example.com,example.org')
    .optional(),
  // Reverse proxies in front of Burnrate (addresses or CIDR ranges, comma-separated): the
  // per-IP sign-in limit then reads the client's address from their X-Forwarded-For chain.
  BURNRATE_TRUSTED_PROXIES: z.string().optional(),
  // Tests only: the demo admin's password, instead of a one-time password printed once.
  BURNRATE_DEMO_ADMIN_PASSWORD: z.string().min(12, 'BURNRATE_DEMO_ADMIN_PASSWORD must be at least 12 characters').optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
}).superRefine((e, ctx) => {
  const oidc = { BURNRATE_OIDC_ISSUER: e.BURNRATE_OIDC_ISSUER, BURNRATE_OIDC_CLIENT_ID: e.BURNRATE_OIDC_CLIENT_ID, 'BURNRATE_OIDC_CLIENT_SECRET(_FILE)': e.BURNRATE_OIDC_CLIENT_SECRET ?? e.BURNRATE_OIDC_CLIENT_SECRET_FILE };
  const missing = Object.entries(oidc).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length > 0 && missing.length < 3) {
    ctx.addIssue({ code: 'custom', path: ['BURNRATE_OIDC_ISSUER'], message: `single sign-on needs ${missing.join(' and ')} as well (or unset all three to turn it off)` });
  }
  for (const name of ['BURNRATE_AUTH_SECRET', 'BURNRATE_OIDC_CLIENT_SECRET'] as const) {
    if (e[name] && e[`${name}_FILE`]) ctx.addIssue({ code: 'custom', path: [name], message: `set ${name} or ${name}_FILE, not both` });
  }
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings mean "unset": docker-compose and .env files write them for blank values.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`burnrate: invalid configuration\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Where people reach this Burnrate: links in alerts point here. */
export function publicUrl(e: Pick<Env, 'BURNRATE_PUBLIC_URL' | 'BURNRATE_HOST' | 'PORT'>): string {
  if (e.BURNRATE_PUBLIC_URL) return e.BURNRATE_PUBLIC_URL.replace(/\/+$/, '');
  const host = e.BURNRATE_HOST === '127.0.0.1' || e.BURNRATE_HOST === '0.0.0.0' ? 'localhost' : e.BURNRATE_HOST;
  return `http://${host}:${e.PORT}`;
}
