import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Prisma, PrismaClient } from '@/generated/prisma/client';
import { AppError } from '@/lib/errors';

// Tokens that gateways and OpenTelemetry exporters send to the ingest endpoints as
// `Authorization: Bearer brn_…`. The plain token is shown once, when it is created; only its
// sha256 is stored, with a short hint (`brn_Ab12…`) to recognise it in lists.

export const INGEST_TOKEN_PREFIX = 'brn_';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BODY_LENGTH = 40; // 40 base62 characters: 238 bits of randomness
const TOKEN_FORMAT = /^brn_[A-Za-z0-9]{40}$/;
const NAME_FORMAT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// Writing last_used_at on every request would make each ingest call a write; once a minute is enough.
const LAST_USED_EVERY_MS = 60_000;
const CREATE_HINT = 'create one with `npx burnrate ingest-token create <name>`';

export type IngestTokenInfo = {
  id: string;
  name: string;
  hint: string;
  environment: string | null;
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

// Create and revoke also run inside a caller's transaction (the dashboard audits them).
type TokenDb = PrismaClient | Prisma.TransactionClient;

export type AuthenticatedToken = { id: string; name: string; environment: string | null };

const infoSelect = { id: true, name: true, hint: true, environment: true, createdAt: true, createdBy: true, lastUsedAt: true, revokedAt: true } as const;

export function generateIngestToken(): string {
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return `${INGEST_TOKEN_PREFIX}${body}`;
}

export const hashIngestToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
export const ingestTokenHint = (token: string): string => `${token.slice(0, INGEST_TOKEN_PREFIX.length + 4)}…`;

export async function createIngestToken(
  db: TokenDb,
  input: { name: string; environment?: string; createdBy?: string },
): Promise<{ token: string; info: IngestTokenInfo }> {
  if (!NAME_FORMAT.test(input.name)) {
    throw new AppError('bad_request', `Token name "${input.name}" is not valid; use 1-64 letters, digits, dots, dashes or underscores, e.g. litellm-prod`);
  }
  if (input.environment !== undefined) {
    const env = await db.environment.findUnique({ where: { name: input.environment }, select: { name: true } });
    if (!env) {
      const known = (await db.environment.findMany({ select: { name: true }, orderBy: { name: 'asc' } })).map((e) => e.name);
      throw new AppError('bad_request', `Environment "${input.environment}" does not exist; use one of: ${known.join(', ') || '(none yet)'}`);
    }
  }
  if (await db.ingestToken.findUnique({ where: { name: input.name }, select: { id: true } })) {
    throw new AppError('conflict', `An ingest token named "${input.name}" already exists (revoked ones keep their name); pick another name`);
  }
  const token = generateIngestToken();
  const info = await db.ingestToken.create({
    data: { name: input.name, tokenHash: hashIngestToken(token), hint: ingestTokenHint(token), environment: input.environment ?? null, createdBy: input.createdBy ?? null },
    select: infoSelect,
  });
  return { token, info };
}

export function listIngestTokens(db: PrismaClient): Promise<IngestTokenInfo[]> {
  return db.ingestToken.findMany({ select: infoSelect, orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { name: 'asc' }] });
}

export async function revokeIngestToken(db: TokenDb, name: string, now: number): Promise<IngestTokenInfo> {
  const found = await db.ingestToken.findUnique({ where: { name }, select: infoSelect });
  if (!found) throw new AppError('not_found', `No ingest token named "${name}"; \`npx burnrate ingest-token list\` shows them`);
  if (found.revokedAt) return found;
  return db.ingestToken.update({ where: { id: found.id }, data: { revokedAt: new Date(now) }, select: infoSelect });
}

// The bearer token of an `Authorization` header, or a 401 that says what is wrong.
export async function authenticateIngestToken(db: PrismaClient, authorization: string | null, now: number): Promise<AuthenticatedToken> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) {
    throw new AppError('unauthorized', `Missing ingest token: send the header \`Authorization: Bearer brn_…\` (${CREATE_HINT})`);
  }
  const presented = match[1]!;
  const invalid = new AppError('unauthorized', `Invalid ingest token: check the value sent in \`Authorization: Bearer …\`, or ${CREATE_HINT}`);
  if (!TOKEN_FORMAT.test(presented)) throw invalid;
  const hash = hashIngestToken(presented);
  const row = await db.ingestToken.findUnique({
    where: { tokenHash: hash },
    select: { id: true, name: true, tokenHash: true, environment: true, lastUsedAt: true, revokedAt: true },
  });
  // The index lookup finds the row; the comparison that decides is constant-time.
  if (!row || !timingSafeEqual(Buffer.from(row.tokenHash, 'hex'), Buffer.from(hash, 'hex'))) throw invalid;
  if (row.revokedAt) {
    throw new AppError('unauthorized', `Ingest token "${row.name}" was revoked on ${row.revokedAt.toISOString()}; ${CREATE_HINT}`);
  }
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    const stale = new Date(now - LAST_USED_EVERY_MS);
    await db.ingestToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
      data: { lastUsedAt: new Date(now) },
    });
  }
  return { id: row.id, name: row.name, environment: row.environment };
}
