import type { PrismaClient } from '@/generated/prisma/client';
import { ignoreChanges, type OnIncidentChange } from './incident-change';
import { BUDGET_KINDS, DEFAULT_QUIET_SECONDS } from './incident-rules';

// Incidents close by themselves: an anomaly once a quiet period has passed since its last
// finding (resolved at the moment it went quiet, not when this job noticed), a budget
// incident when its period ends. Acknowledged ones too: on-call acknowledged it, the usage
// stopped, there is nothing left to do.

export interface ResolveOptions {
  now: number;
  bucketSeconds: number;
  quietSeconds?: number;
  onChange?: OnIncidentChange;
  liveSeconds?: number;
}

export async function resolveQuietIncidents(db: PrismaClient, options: ResolveOptions): Promise<{ resolved: number }> {
  const onChange = options.onChange ?? ignoreChanges;
  const quietMs = (options.quietSeconds ?? DEFAULT_QUIET_SECONDS) * 1000 + options.bucketSeconds * 1000;
  const liveMs = (options.liveSeconds ?? 15 * 60) * 1000;
  const candidates = await db.incident.findMany({
    where: { status: { in: ['open', 'acknowledged'] }, OR: [{ kind: { notIn: [...BUDGET_KINDS] }, lastSeenAt: { lte: new Date(options.now - quietMs) } }, { kind: { in: [...BUDGET_KINDS] } }] },
    select: { id: true, kind: true, lastSeenAt: true, evidence: true },
  });
  let resolved = 0;
  for (const c of candidates) {
    const at = BUDGET_KINDS.includes(c.kind) ? periodEnd(c.evidence) : c.lastSeenAt.getTime() + quietMs;
    if (at === null || at > options.now) continue;
    await db.$transaction(async (tx) => {
      // Guarded by status, so a concurrent acknowledge or resolve by a person wins cleanly.
      const { count } = await tx.incident.updateMany({ where: { id: c.id, status: { in: ['open', 'acknowledged'] } }, data: { status: 'resolved', resolvedAt: new Date(at), resolvedBy: null } });
      if (count === 0) return;
      await tx.incidentEvent.create({ data: { incidentId: c.id, at: new Date(at), type: 'resolved', data: { auto: true } } });
      const incident = await tx.incident.findUniqueOrThrow({ where: { id: c.id } });
      await onChange(tx, { type: 'resolved', incident, actor: null, live: at >= options.now - liveMs });
      resolved++;
    });
  }
  return { resolved };
}

function periodEnd(evidence: unknown): number | null {
  const end = evidence && typeof evidence === 'object' ? (evidence as Record<string, unknown>).periodEnd : undefined;
  const ms = typeof end === 'string' ? Date.parse(end) : NaN;
  return Number.isFinite(ms) ? ms : null;
}
