import type { PrismaClient } from '@/generated/prisma/client';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/incidents/incident-actions';
import { logger } from '@/lib/log';
import type { CreatedIngestToken, CreateIngestTokenInput, IngestTokenView } from './ingest-token-schemas';
import { createIngestToken, listIngestTokens, revokeIngestToken, type IngestTokenInfo } from './ingest-tokens';

// Ingest tokens from the dashboard: the same tokens as `npx burnrate ingest-token`, audited
// by name and hint. The plain token is returned by create, once, and is in no log or audit row.

export function tokenView(t: IngestTokenInfo): IngestTokenView {
  return {
    id: t.id,
    name: t.name,
    hint: t.hint,
    environment: t.environment,
    createdAt: t.createdAt.toISOString(),
    createdBy: t.createdBy,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

const audited = (t: IngestTokenInfo) => ({ name: t.name, hint: t.hint, environment: t.environment, revokedAt: t.revokedAt?.toISOString() ?? null });

export async function listTokens(db: PrismaClient): Promise<IngestTokenView[]> {
  return (await listIngestTokens(db)).map(tokenView);
}

export async function createToken(db: PrismaClient, input: CreateIngestTokenInput, actor: Actor): Promise<CreatedIngestToken> {
  const created = await db.$transaction(async (tx) => {
    const { token, info } = await createIngestToken(tx, { name: input.name, environment: input.environment, createdBy: actor.label });
    await tx.auditEvent.create({ data: { actorId: actor.id, actorEmail: actor.label, action: 'ingest_token.create', targetType: 'ingest_token', targetId: info.id, after: audited(info) } });
    return { token, info: tokenView(info) };
  });
  logger.info('ingest_token_created', { tokenId: created.info.id, name: created.info.name });
  return created;
}

/** Stops accepting a token at once. Revoking a revoked token changes nothing and is not audited again. */
export async function revokeToken(db: PrismaClient, id: string, actor: Actor, nowMs: number): Promise<IngestTokenView> {
  return db.$transaction(async (tx) => {
    const found = await tx.ingestToken.findUnique({ where: { id }, select: { name: true, revokedAt: true } });
    if (!found) throw new AppError('not_found', `No ingest token ${id}`);
    const revoked = await revokeIngestToken(tx, found.name, nowMs);
    if (!found.revokedAt) {
      await tx.auditEvent.create({ data: { actorId: actor.id, actorEmail: actor.label, action: 'ingest_token.revoke', targetType: 'ingest_token', targetId: id, after: audited(revoked) } });
      logger.info('ingest_token_revoked', { tokenId: id, name: revoked.name });
    }
    return tokenView(revoked);
  });
}
