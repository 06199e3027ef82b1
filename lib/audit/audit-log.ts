import { z } from 'zod';
import type { Prisma, PrismaClient } from '@/generated/prisma/client';

// The audit log as admins read it and SIEMs ingest it. Rows are written by each change's own
// transaction (incidents, routes, budgets, connections, tokens, environments, keys), with
// secrets already reduced to hints there; this module only reads them.

export const auditQuerySchema = z.object({
  since: z.iso.datetime({ message: 'since is an ISO 8601 time such as 2026-11-01T00:00:00Z' }).optional(),
  until: z.iso.datetime({ message: 'until is an ISO 8601 time such as 2026-12-01T00:00:00Z' }).optional(),
  action: z.string().trim().max(100).optional(), // exact, or a prefix ending in "." (e.g. "budget.")
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actor: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditPageSchema = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), entries: z.array(auditEntrySchema) });

function whereOf(q: Pick<AuditQuery, 'since' | 'until' | 'action'>): Prisma.AuditEventWhereInput {
  return {
    ...(q.since || q.until ? { at: { ...(q.since ? { gte: new Date(q.since) } : {}), ...(q.until ? { lt: new Date(q.until) } : {}) } } : {}),
    ...(q.action ? { action: q.action.endsWith('.') ? { startsWith: q.action } : q.action } : {}),
  };
}

type Row = Awaited<ReturnType<PrismaClient['auditEvent']['findMany']>>[number];
const toEntry = (r: Row): AuditEntry => ({
  id: String(r.id),
  at: r.at.toISOString(),
  actorId: r.actorId,
  actor: r.actorEmail,
  action: r.action,
  targetType: r.targetType,
  targetId: r.targetId,
  before: r.before ?? null,
  after: r.after ?? null,
  ip: r.ip,
});

export async function auditPage(db: PrismaClient, q: AuditQuery) {
  const where = whereOf(q);
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
  ]);
  return { total, page: q.page, pageSize: q.pageSize, entries: rows.map(toEntry) };
}

/** Every matching entry, oldest first, one JSON object per line, read in batches by id. */
export async function* auditJsonLines(db: PrismaClient, q: Pick<AuditQuery, 'since' | 'until' | 'action'>, batch = 1000): AsyncGenerator<string> {
  let after: bigint | null = null;
  for (;;) {
    const rows: Row[] = await db.auditEvent.findMany({ where: { ...whereOf(q), ...(after === null ? {} : { id: { gt: after } }) }, orderBy: { id: 'asc' }, take: batch });
    for (const r of rows) yield `${JSON.stringify(toEntry(r))}\n`;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}
