import type { AlertAction, Prisma } from '@/generated/prisma/client';
import type { IncidentChange, OnIncidentChange } from '@/lib/incidents/incident-change';
import { wakeJob } from '@/lib/system/wake';
import { nextDigestAt } from './delivery-policy';
import { buildAlertMessage } from './message';
import { routeIncident } from './route-incidents';

// The alert outbox: an incident change writes its deliveries in the same transaction that
// made the change, so an incident is never opened without its pages queued, and a page is
// never queued for a change that rolled back. The delivery worker sends them.
//  - opened: one `trigger` per matching route;
//  - escalated: a `trigger` for routes that now match and had none; PagerDuty routes that
//    already paged get the trigger again (same dedup_key: it updates the alert's severity);
//  - acknowledged: `acknowledge` to the PagerDuty routes that got the trigger;
//  - resolved: `resolve` to every route that got the trigger (Slack posts a follow-up).
// A digest route's trigger waits for the next digest time, when the worker sends all of the
// route's waiting notices as one message; a digest gets no follow-ups (it is a summary, and a
// notice resolved before the digest went out is still worth a line in it).
// History found on a first start (change.live = false) is recorded, never paged.

export interface OutboxOptions {
  publicUrl: string;
  /** The clock digest times are counted from (tests); Date.now by default. */
  now?: () => number;
}

export function alertOutbox(options: OutboxOptions): OnIncidentChange {
  return async (tx, change) => {
    if (!change.live) return;
    if (change.type === 'opened' || change.type === 'escalated') await enqueueTriggers(tx, change, options);
    else await enqueueFollowUps(tx, change, change.type === 'acknowledged' ? 'acknowledge' : 'resolve', options);
  };
}

async function incidentView(tx: Prisma.TransactionClient, change: IncidentChange) {
  const key = change.incident.keyId ? await tx.apiKey.findUnique({ where: { id: change.incident.keyId }, select: { id: true, name: true, tags: true } }) : null;
  return { view: { ...change.incident, key: key ? { id: key.id, name: key.name } : null }, tags: key?.tags ?? [] };
}

async function enqueueTriggers(tx: Prisma.TransactionClient, change: IncidentChange, options: OutboxOptions) {
  const { incident } = change;
  const { view, tags } = await incidentView(tx, change);
  const routes = await tx.alertRoute.findMany({ where: { enabled: true }, orderBy: [{ createdAt: 'asc' }, { name: 'asc' }] });
  const matched = routeIncident({ kind: incident.kind, severity: incident.severity, environment: incident.environment, keyTags: tags }, routes);
  if (matched.length === 0) return;
  const already = new Set(
    (await tx.alertDelivery.findMany({ where: { incidentId: incident.id, action: 'trigger' }, select: { routeId: true } })).map((d) => d.routeId),
  );
  const payload = buildAlertMessage(view, 'trigger', { publicUrl: options.publicUrl }) as unknown as Prisma.InputJsonObject;
  const digestAt = new Date(nextDigestAt(options.now?.() ?? Date.now()));
  const rows = matched
    .filter((r) => !already.has(r.id) || r.channel === 'pagerduty')
    .map((r) => ({
      incidentId: incident.id,
      routeId: r.id,
      action: 'trigger' as const,
      idempotencyKey: `${incident.dedupKey}:${r.id}:trigger:${incident.severity}`,
      payload,
      ...(r.digest ? { nextAttemptAt: digestAt } : {}),
    }));
  // skipDuplicates: the same change announced twice (a retried job) queues nothing new.
  if (rows.length === 0) return;
  await tx.alertDelivery.createMany({ data: rows, skipDuplicates: true });
  await wakeJob(tx, 'deliver-alerts');
}

async function enqueueFollowUps(tx: Prisma.TransactionClient, change: IncidentChange, action: Extract<AlertAction, 'acknowledge' | 'resolve'>, options: OutboxOptions) {
  const { incident } = change;
  const triggered = await tx.alertDelivery.findMany({
    where: { incidentId: incident.id, action: 'trigger', status: { not: 'cancelled' }, route: { digest: false, ...(action === 'acknowledge' ? { channel: 'pagerduty' as const } : {}) } },
    select: { routeId: true },
    distinct: ['routeId'],
  });
  if (triggered.length === 0) return;
  const { view } = await incidentView(tx, change);
  const payload = buildAlertMessage(view, action, { publicUrl: options.publicUrl, actor: change.actor }) as unknown as Prisma.InputJsonObject;
  await tx.alertDelivery.createMany({
    data: triggered.map((t) => ({ incidentId: incident.id, routeId: t.routeId, action, idempotencyKey: `${incident.dedupKey}:${t.routeId}:${action}`, payload })),
    skipDuplicates: true,
  });
  await wakeJob(tx, 'deliver-alerts');
}
