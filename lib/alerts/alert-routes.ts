import type { AlertRoute, Prisma, PrismaClient } from '@/generated/prisma/client';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/incidents/incident-actions';
import { createSecret, deleteSecret, readSecret, replaceSecret } from '@/lib/secrets/secret-store';
import { DIGEST_ON_PAGERDUTY, routingKeySchema, slackWebhookSchema, type AlertRouteView, type CreateRouteInput, type TestResult, type UpdateRouteInput } from './alert-route-schemas';
import type { AlertChannelSender } from './channels/channel';
import { ALERT_CHANNELS } from './channels/registry';
import { buildTestMessage } from './message';

// Alert routes: a channel target (a secret, stored encrypted, shown as its hint) and the
// filters routing applies. Every change is audited without the target.

const DAY_MS = 86_400_000;

export async function listRoutes(db: PrismaClient, now: number): Promise<AlertRouteView[]> {
  const routes = await db.alertRoute.findMany({ include: { secret: { select: { hint: true } } }, orderBy: [{ createdAt: 'asc' }, { name: 'asc' }] });
  const ids = routes.map((r) => r.id);
  const [last, pending, failed] = await Promise.all([
    db.alertDelivery.groupBy({ by: ['routeId'], where: { routeId: { in: ids }, status: 'delivered' }, _max: { deliveredAt: true } }),
    db.alertDelivery.groupBy({ by: ['routeId'], where: { routeId: { in: ids }, status: 'pending' }, _count: { _all: true } }),
    db.alertDelivery.groupBy({ by: ['routeId'], where: { routeId: { in: ids }, status: 'failed', createdAt: { gte: new Date(now - DAY_MS) } }, _count: { _all: true } }),
  ]);
  return routes.map((r) => ({
    ...viewOf(r, r.secret.hint),
    lastDeliveredAt: last.find((l) => l.routeId === r.id)?._max.deliveredAt?.toISOString() ?? null,
    pending: pending.find((p) => p.routeId === r.id)?._count._all ?? 0,
    failedLastDay: failed.find((f) => f.routeId === r.id)?._count._all ?? 0,
  }));
}

function viewOf(r: AlertRoute, hint: string): AlertRouteView {
  return {
    id: r.id,
    name: r.name,
    channel: r.channel,
    targetHint: hint,
    environments: r.environments,
    kinds: r.kinds,
    minSeverity: r.minSeverity,
    keyTags: r.keyTags,
    digest: r.digest,
    enabled: r.enabled,
    healthy: r.healthy,
    unhealthyReason: r.unhealthyReason,
    lastDeliveredAt: null,
    pending: 0,
    failedLastDay: 0,
  };
}

/** What the audit log keeps of a route: what the API shows, which names the target by its hint only. */
function audited(r: AlertRoute, hint: string): Prisma.InputJsonObject {
  const { id: _id, lastDeliveredAt: _l, pending: _p, failedLastDay: _f, ...rest } = viewOf(r, hint);
  return rest;
}

export async function createRoute(db: PrismaClient, input: CreateRouteInput, actor: Actor): Promise<AlertRouteView> {
  if (await db.alertRoute.findUnique({ where: { name: input.name } })) throw new AppError('conflict', `A route named "${input.name}" exists already; pick another name`);
  return db.$transaction(async (tx) => {
    const secret = await createSecret(tx, input.target, input.channel);
    const route = await tx.alertRoute.create({
      data: { name: input.name, channel: input.channel, secretId: secret.id, environments: input.environments, kinds: input.kinds, minSeverity: input.minSeverity, keyTags: input.keyTags, digest: input.digest, enabled: input.enabled },
    });
    await tx.auditEvent.create({ data: { actorId: actor.id, actorEmail: actor.label, action: 'alert_route.create', targetType: 'alert_route', targetId: route.id, after: audited(route, secret.hint) } });
    return viewOf(route, secret.hint);
  });
}

export async function updateRoute(db: PrismaClient, id: string, input: UpdateRouteInput, actor: Actor): Promise<AlertRouteView> {
  return db.$transaction(async (tx) => {
    const before = await tx.alertRoute.findUnique({ where: { id }, include: { secret: { select: { hint: true } } } });
    if (!before) throw new AppError('not_found', `No alert route ${id}`);
    if (input.name && input.name !== before.name && (await tx.alertRoute.findUnique({ where: { name: input.name } }))) {
      throw new AppError('conflict', `A route named "${input.name}" exists already; pick another name`);
    }
    if (input.digest && before.channel === 'pagerduty') throw new AppError('bad_request', `Invalid body: digest: ${DIGEST_ON_PAGERDUTY}`);
    let hint = before.secret.hint;
    if (input.target !== undefined) {
      const target = (before.channel === 'slack' ? slackWebhookSchema : routingKeySchema).safeParse(input.target);
      if (!target.success) throw new AppError('bad_request', `Invalid target: ${target.error.issues[0]?.message}`);
      hint = (await replaceSecret(tx, before.secretId, target.data, before.channel)).hint;
    }
    const { target: _target, ...fields } = input;
    // A new target is a fresh start: the route is healthy until a send says otherwise.
    const route = await tx.alertRoute.update({ where: { id }, data: { ...fields, ...(input.target !== undefined ? { healthy: true, unhealthyReason: null } : {}) } });
    await tx.auditEvent.create({
      data: { actorId: actor.id, actorEmail: actor.label, action: 'alert_route.update', targetType: 'alert_route', targetId: id, before: audited(before, before.secret.hint), after: audited(route, hint) },
    });
    return viewOf(route, hint);
  });
}

export async function deleteRoute(db: PrismaClient, id: string, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.alertRoute.findUnique({ where: { id }, include: { secret: { select: { hint: true } } } });
    if (!before) throw new AppError('not_found', `No alert route ${id}`);
    await tx.alertRoute.delete({ where: { id } });
    await deleteSecret(tx, before.secretId);
    await tx.auditEvent.create({ data: { actorId: actor.id, actorEmail: actor.label, action: 'alert_route.delete', targetType: 'alert_route', targetId: id, before: audited(before, before.secret.hint) } });
  });
}

/**
 * Sends a test alert now and says what happened in the channel's words. Recorded as a
 * delivery of the route with its attempt, so the route's health reflects it.
 */
export async function sendTestAlert(
  db: PrismaClient,
  id: string,
  options: { publicUrl: string; pagerDutyUrl?: string; now: number; senders?: Record<AlertRoute['channel'], AlertChannelSender> },
): Promise<TestResult> {
  const route = await db.alertRoute.findUnique({ where: { id } });
  if (!route) throw new AppError('not_found', `No alert route ${id}`);
  const message = buildTestMessage({ routeName: route.name, publicUrl: options.publicUrl, nowMs: options.now });
  const target = await readSecret(db, route.secretId);
  const t0 = performance.now();
  const result = await (options.senders ?? ALERT_CHANNELS)[route.channel].send(message, target, { baseUrl: route.channel === 'pagerduty' ? options.pagerDutyUrl : undefined, nowMs: options.now });
  const durationMs = Math.round(performance.now() - t0);
  await db.alertDelivery.create({
    data: {
      routeId: route.id,
      action: 'test',
      idempotencyKey: message.dedupKey + `:${route.id}`,
      payload: message as unknown as Prisma.InputJsonObject,
      status: result.ok ? 'delivered' : 'failed',
      attempts: 1,
      lastAttemptAt: new Date(options.now),
      deliveredAt: result.ok ? new Date(options.now) : null,
      lastError: result.ok ? null : result.error,
      tries: { create: { httpStatus: result.ok ? result.httpStatus : (result.httpStatus ?? null), error: result.ok ? null : result.error, durationMs } },
    },
  });
  if (result.ok || !result.retryable) {
    await db.alertRoute.update({ where: { id }, data: result.ok ? { healthy: true, unhealthyReason: null } : { healthy: false, unhealthyReason: result.error.slice(0, 500) } });
  }
  return result.ok
    ? { ok: true, httpStatus: result.httpStatus, message: `Delivered to ${route.channel === 'slack' ? 'Slack' : 'PagerDuty'} (HTTP ${result.httpStatus})` }
    : { ok: false, httpStatus: result.httpStatus ?? null, message: result.error };
}
