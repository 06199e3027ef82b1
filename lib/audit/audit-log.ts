import { z } from 'zod';
import type { Prisma, PrismaClient } from '@/generated/prisma/client';

// The audit log as admins read it and SIEMs ingest it. Rows are written by each change's own
// transaction (incidents, routes, budgets, connections, tokens, environments, keys), with
// secrets already reduced to hints there; this module only reads them.

export const auditQuerySchema = z.object({
  since: z.iso.datetime({ message: 'since is an ISO 8601 time such as 2026-11-01T00:00:00Z' }).optional(),
  until: z.iso.datetime({ message: 'until is an ISO 8601 time such as 2026-12-01T00:00:00Z' }).optional(),
  action: z.string().trim().max(100).optional(), // exact, or a prefix ending in "." (e.g. "budget.")
  targetType: z.string().trim().max(100).optional(),
  targetId: z.string().trim().max(200).optional(),
  actor: z.string().trim().max(320).optional(), // the actor as recorded: an email, or "command line"
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
// The values a filter bar can offer: every action, entity type and actor in the log.
const facetsSchema = z.object({ actions: z.array(z.string()), targetTypes: z.array(z.string()), actors: z.array(z.string()) });
export const auditPageSchema = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), entries: z.array(auditEntrySchema), facets: facetsSchema });

type Filters = Pick<AuditQuery, 'since' | 'until' | 'action' | 'targetType' | 'targetId' | 'actor'>;

function whereOf(q: Filters): Prisma.AuditEventWhereInput {
  return {
    ...(q.since || q.until ? { at: { ...(q.since ? { gte: new Date(q.since) } : {}), ...(q.until ? { lt: new Date(q.until) } : {}) } } : {}),
    ...(q.action ? { action: q.action.endsWith('.') ? { startsWith: q.action } : q.action } : {}),
    ...(q.targetType ? { targetType: q.targetType } : {}),
    ...(q.targetId ? { targetId: q.targetId } : {}),
    ...(q.actor ? { actorEmail: q.actor } : {}),
  };
}

async function facetsOf(db: PrismaClient): Promise<z.infer<typeof facetsSchema>> {
  const [actions, targetTypes, actors] = await Promise.all([
    // groupBy is a SQL GROUP BY; findMany's `distinct` would read every row.
    db.auditEvent.groupBy({ by: ['action'], orderBy: { action: 'asc' } }),
    db.auditEvent.groupBy({ by: ['targetType'], orderBy: { targetType: 'asc' } }),
    db.auditEvent.groupBy({ by: ['actorEmail'], where: { actorEmail: { not: null } }, orderBy: { actorEmail: 'asc' } }),
  ]);
  return { actions: actions.map((r) => r.action), targetTypes: targetTypes.map((r) => r.targetType), actors: actors.flatMap((r) => (r.actorEmail ? [r.actorEmail] : [])) };
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
  const [total, rows, facets] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    facetsOf(db),
  ]);
  return { total, page: q.page, pageSize: q.pageSize, entries: rows.map(toEntry), facets };
}

/** Every matching entry, oldest first, one JSON object per line, read in batches by id. */
export async function* auditJsonLines(db: PrismaClient, q: Filters, batch = 1000): AsyncGenerator<string> {
  let after: bigint | null = null;
  for (;;) {
    const rows: Row[] = await db.auditEvent.findMany({ where: { ...whereOf(q), ...(after === null ? {} : { id: { gt: after } }) }, orderBy: { id: 'asc' }, take: batch });
    for (const r of rows) yield `${JSON.stringify(toEntry(r))}\n`;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}
