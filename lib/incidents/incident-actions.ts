import type { Feedback, PrismaClient } from '@/generated/prisma/client';
import { AppError } from '@/lib/errors';
import { ignoreChanges, type OnIncidentChange } from './incident-change';
import { transition, type IncidentAction } from './incident-rules';

// What people do to an incident: acknowledge, resolve, and say what it was. Each change is
// one transaction with its incident event, its audit record and its announcement (alerts
// follow it: PagerDuty acknowledge / resolve, a Slack follow-up).

export interface Actor {
  /** The user's id once sign-in exists; null for the command line or an anonymous setup. */
  id: string | null;
  /** What the audit log and the incident timeline show. */
  label: string;
}

export async function changeIncidentStatus(db: PrismaClient, id: string, action: IncidentAction, actor: Actor, options: { now: number; onChange?: OnIncidentChange }) {
  const onChange = options.onChange ?? ignoreChanges;
  return db.$transaction(async (tx) => {
    const before = await tx.incident.findUnique({ where: { id } });
    if (!before) throw new AppError('not_found', `No incident ${id}`);
    const next = transition(before.status, action);
    if ('refused' in next) throw new AppError('conflict', `Cannot ${action}: ${next.refused}`);
    const now = new Date(options.now);
    const data = action === 'acknowledge' ? { status: next.to, acknowledgedAt: now, acknowledgedBy: actor.label } : { status: next.to, resolvedAt: now, resolvedBy: actor.label };
    // The status guard makes two people clicking at once safe: the second one gets a 409.
    const { count } = await tx.incident.updateMany({ where: { id, status: before.status }, data });
    if (count === 0) throw new AppError('conflict', `The incident changed meanwhile; reload it`);
    const incident = await tx.incident.findUniqueOrThrow({ where: { id } });
    const type = action === 'acknowledge' ? 'acknowledged' : 'resolved';
    await tx.incidentEvent.create({ data: { incidentId: id, at: now, type, actor: actor.label } });
    await tx.auditEvent.create({
      data: { at: now, actorId: actor.id, actorEmail: actor.label, action: `incident.${action}`, targetType: 'incident', targetId: id, before: { status: before.status }, after: { status: incident.status } },
    });
    await onChange(tx, { type, incident, actor: actor.label, live: true });
    return incident;
  });
}

/**
 * Records what the incident was. The detection engine reads it: `expected` usage is learnt
 * as normal, `planned` and `leak` usage is kept out of the key's baseline.
 */
export async function setIncidentFeedback(db: PrismaClient, id: string, input: { feedback: Feedback; note?: string | null }, actor: Actor, options: { now: number }) {
  return db.$transaction(async (tx) => {
    const before = await tx.incident.findUnique({ where: { id }, select: { feedback: true, feedbackNote: true } });
    if (!before) throw new AppError('not_found', `No incident ${id}`);
    const now = new Date(options.now);
    const incident = await tx.incident.update({ where: { id }, data: { feedback: input.feedback, feedbackNote: input.note ?? null, feedbackBy: actor.label, feedbackAt: now } });
    await tx.incidentEvent.create({ data: { incidentId: id, at: now, type: 'feedback', actor: actor.label, data: { feedback: input.feedback, note: input.note ?? null } } });
    await tx.auditEvent.create({
      data: { at: now, actorId: actor.id, actorEmail: actor.label, action: 'incident.feedback', targetType: 'incident', targetId: id, before, after: { feedback: incident.feedback, feedbackNote: incident.feedbackNote } },
    });
    return incident;
  });
}
