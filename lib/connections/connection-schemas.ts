import { z } from 'zod';

// Provider connections over the API: what an admin sends and what anyone sees. The admin
// key goes in once and never comes back: responses say where it is kept (the stored
// secret's redacted hint, or the environment variable's name), never the key.

export const providerIds = ['openai', 'anthropic'] as const;
export const providerIdSchema = z.enum(providerIds, { message: 'provider is openai or anthropic' });

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const name = z.string().trim().min(1, 'give the connection a name, e.g. “OpenAI production org”').max(100, 'a name is at most 100 characters');

export const adminKeySchema = z
  .string()
  .trim()
  .min(1, 'paste the organization’s admin key')
  .max(500, 'an admin key is shorter than 500 characters; check what was pasted')
  // Sent in an HTTP header, which holds only printable ASCII: anything else is a paste error.
  .regex(/^[\x21-\x7e]+$/, 'an admin key is letters, digits and punctuation, with no spaces or other characters; check what was pasted');

// The admin key is sent there: https only, except to this machine (gateways, the fakes).
export const baseUrlSchema = z
  .url({ message: 'a base URL is a URL such as https://api.openai.com/v1; leave it empty for the provider’s public API' })
  .max(500)
  .refine((u) => {
    if (!URL.canParse(u)) return false; // reported by z.url already; zod still runs refinements
    const url = new URL(u);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  }, 'a base URL must be https:// (plain http only to localhost), since the admin key is sent to it');

// An empty base URL field means "the public API".
const optionalBaseUrl = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), baseUrlSchema.optional());

export const createConnectionSchema = z.object({ name, provider: providerIdSchema, adminKey: adminKeySchema, baseUrl: optionalBaseUrl });
export type CreateConnectionInput = z.infer<typeof createConnectionSchema>;

export const updateConnectionSchema = z
  .object({ name: name.optional(), enabled: z.boolean().optional(), adminKey: adminKeySchema.optional() })
  .refine((b) => b.name !== undefined || b.enabled !== undefined || b.adminKey !== undefined, 'send name, enabled or adminKey: there is nothing to change');
export type UpdateConnectionInput = z.infer<typeof updateConnectionSchema>;

export const credentialSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('secret'), hint: z.string() }),
  z.object({ source: z.literal('environment'), variable: z.string() }),
  z.object({ source: z.literal('none') }),
]);
export type CredentialView = z.infer<typeof credentialSchema>;

export const connectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: providerIdSchema,
  baseUrl: z.string().nullable(),
  credential: credentialSchema,
  enabled: z.boolean(),
  demo: z.boolean(),
  syncStatus: z.enum(['never', 'ok', 'error', 'disabled']),
  lastSyncAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  keyCount: z.number().int(),
  createdAt: z.string(),
});
export type ConnectionView = z.infer<typeof connectionSchema>;

export const connectionsSchema = z.object({ connections: z.array(connectionSchema) });
