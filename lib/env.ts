import { z } from 'zod';
import { isMasterKeyListText, isMasterKeyText, MASTER_KEY_ADVICE } from '@/lib/secrets/master-key';

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
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
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
