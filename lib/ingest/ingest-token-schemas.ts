import { z } from 'zod';

// Ingest tokens over the API. The token itself is in the create response only; lists and
// the audit log carry its hint (`brn_Ab12…`).

export const createIngestTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit, e.g. litellm-prod'),
  // An empty choice means "no default environment".
  environment: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().trim().min(1).max(100).optional()),
});
export type CreateIngestTokenInput = z.infer<typeof createIngestTokenSchema>;

export const ingestTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  hint: z.string(),
  environment: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type IngestTokenView = z.infer<typeof ingestTokenSchema>;

export const ingestTokensSchema = z.object({ tokens: z.array(ingestTokenSchema) });

/** The one answer that holds the token: shown once, never stored in the clear. */
export const createdIngestTokenSchema = z.object({ token: z.string(), info: ingestTokenSchema });
export type CreatedIngestToken = z.infer<typeof createdIngestTokenSchema>;
