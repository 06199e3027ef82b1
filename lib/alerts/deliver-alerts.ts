import type { AlertChannel, PrismaClient } from '@/generated/prisma/client';
import { logger } from '@/lib/log';
import type { AlertChannelSender, SendResult } from './channels/channel';
import { ALERT_CHANNELS } from './channels/registry';
import { CLAIM_LEASE_MS, GIVE_UP_AFTER_MS, ROUTE_SPACING_MS, retryDelayMs } from './delivery-policy';
import { alertMessageSchema, type AlertMessage } from './message';

// The delivery worker: sends due outbox rows, oldest first, never a later delivery of an
// incident to a route before an earlier one (a resolve never overtakes its trigger). Rows
// are claimed with a lease before sending, so two workers never send the same row, and a
// worker that dies mid-send leaves the row to be retried after the lease: PagerDuty's dedup
// key makes that repeat harmless; for Slack the window is the one request in flight.
// Every attempt is recorded. Retryable failures back off (exponential, jitter, Retry-After
// as a floor); a permanent one fails the row, marks the route unhealthy with the reason and
// stops sending to it until someone fixes it (the next incident tries it again).
// A digest route's rows come due together at the digest hour and go out as one message.

export interface DeliverOptions {
  /** The route's secret (webhook URL or routing key), decrypted. Server-side only. */
  readTarget: (secretId: string) => Promise<string>;
  senders?: Record<AlertChannel, AlertChannelSender>;
  pagerDutyUrl?: string;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Stop claiming new rows after this long (the job runs again within a minute). */
  budgetMs?: number;
  batch?: number;
}

type Claimed = { id: string; route_id: string; payload: unknown; attempts: number; created_at: Date };
type Route = { id: string; name: string; channel: AlertChannel; secretId: string; enabled: boolean; healthy: boolean; digest: boolean };
export type DeliveryCounts = { delivered: number; retrying: number; failed: number; cancelled: number };

export async function deliverDueAlerts(db: PrismaClient, options: DeliverOptions): Promise<DeliveryCounts> {
  const now = options.now ?? Date.now;
  const started = now();
  const counts: DeliveryCounts = { delivered: 0, retrying: 0, failed: 0, cancelled: 0 };
  while (now() - started < (options.budgetMs ?? 50_000)) {
    const claimed = await claim(db, now(), options.batch ?? 200);
    if (claimed.length === 0) break;
    const byRoute = new Map<string, Claimed[]>();
    for (const c of claimed) byRoute.set(c.route_id, [...(byRoute.get(c.route_id) ?? []), c]);
    const routes = await db.alertRoute.findMany({ where: { id: { in: [...byRoute.keys()] } }, select: { id: true, name: true, channel: true, secretId: true, enabled: true, healthy: true, digest: true } });
    // Routes in parallel (different webhooks and services), each route in order and paced.
    await Promise.all(routes.map((route) => sendRoute(db, route, byRoute.get(route.id)!, options, counts)));
  }
  return counts;
}

async function claim(db: PrismaClient, nowMs: number, batch: number): Promise<Claimed[]> {
  const at = new Date(nowMs);
  return db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT d.id FROM alert_delivery d
      WHERE d.status = 'pending' AND d.next_attempt_at <= ${at}
        AND NOT EXISTS (
          SELECT 1 FROM alert_delivery e
          WHERE e.incident_id = d.incident_id AND e.route_id = d.route_id AND e.status = 'pending'
            AND (e.created_at, e.id) < (d.created_at, d.id))
      ORDER BY d.created_at, d.id
      LIMIT ${batch}
      FOR UPDATE SKIP LOCKED)
    UPDATE alert_delivery a
    SET next_attempt_at = ${new Date(nowMs + CLAIM_LEASE_MS)}, attempts = a.attempts + 1, last_attempt_at = ${at}
    FROM due WHERE a.id = due.id
    RETURNING a.id::text, a.route_id::text, a.payload, a.attempts, a.created_at`;
}

async function sendRoute(db: PrismaClient, route: Route, rows: Claimed[], options: DeliverOptions, counts: DeliveryCounts) {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  if (!route.enabled) {
    await db.alertDelivery.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { status: 'cancelled', lastError: 'not sent: the route is disabled' } });
    counts.cancelled += rows.length;
    return;
  }
  let target: string;
  try {
    target = await options.readTarget(route.secretId);
  } catch (error) {
    // The secret cannot be read (master key missing or rotated away): nothing can be sent to
    // this route until an admin fixes it, and retrying will not help.
    await failRoute(db, route, rows, `cannot read the route's secret: ${error instanceof Error ? error.message : String(error)}`, counts);
    return;
  }
  const sender = (options.senders ?? ALERT_CHANNELS)[route.channel];
  if (route.digest && sender.sendDigest) {
    await sendDigestRows(db, route, rows, sender.sendDigest.bind(sender), target, options, counts);
    return;
  }
  let lastSentAt = -Infinity;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const wait = lastSentAt + ROUTE_SPACING_MS[route.channel] - now();
    if (wait > 0) await sleep(wait);
    const message = alertMessageSchema.safeParse(row.payload);
    const t0 = performance.now();
    const result: SendResult = message.success
      ? await sender.send(message.data, target, { baseUrl: route.channel === 'pagerduty' ? options.pagerDutyUrl : undefined, nowMs: now() })
      : { ok: false, retryable: false, error: `the stored alert is malformed: ${message.error.issues[0]?.message ?? 'invalid'}` };
    lastSentAt = now();
    const durationMs = Math.round(performance.now() - t0);
    await db.deliveryAttempt.create({ data: { deliveryId: row.id, httpStatus: result.ok ? result.httpStatus : (result.httpStatus ?? null), error: result.ok ? null : result.error, durationMs } });
    if (result.ok) {
      await db.alertDelivery.update({ where: { id: row.id }, data: { status: 'delivered', deliveredAt: new Date(lastSentAt), channelRef: result.channelRef ?? null, lastError: null } });
      if (!route.healthy) {
        await db.alertRoute.update({ where: { id: route.id }, data: { healthy: true, unhealthyReason: null } });
        route.healthy = true;
      }
      counts.delivered++;
      continue;
    }
    if (!result.retryable) {
      await failRoute(db, route, rows.slice(i), result.error, counts);
      return;
    }
    const givingUp = lastSentAt - row.created_at.getTime() > GIVE_UP_AFTER_MS;
    const delay = retryDelayMs(row.attempts, result.retryAfterMs, (options.random ?? Math.random)());
    await db.alertDelivery.update({
      where: { id: row.id },
      data: givingUp ? { status: 'failed', lastError: `gave up after ${row.attempts} attempts: ${result.error}` } : { nextAttemptAt: new Date(lastSentAt + delay), lastError: result.error },
    });
    if (givingUp) counts.failed++;
    else counts.retrying++;
    logger.warn('alert_delivery_retry', { route: route.name, attempts: row.attempts, delayMs: delay, error: result.error });
    // The channel is unwell or asked us to slow down: the route's other rows wait as long,
    // without counting an attempt they never made.
    const rest = rows.slice(i + 1).map((r) => r.id);
    if (rest.length) {
      await db.alertDelivery.updateMany({ where: { id: { in: rest } }, data: { nextAttemptAt: new Date(lastSentAt + delay), attempts: { decrement: 1 } } });
      counts.retrying += rest.length;
    }
    return;
  }
}

/** All of a digest route's due rows as one message: one attempt, one outcome for every row. */
async function sendDigestRows(
  db: PrismaClient,
  route: Route,
  rows: Claimed[],
  sendDigest: NonNullable<AlertChannelSender['sendDigest']>,
  target: string,
  options: DeliverOptions,
  counts: DeliveryCounts,
) {
  const now = options.now ?? Date.now;
  const good: { row: Claimed; message: AlertMessage }[] = [];
  const malformed: string[] = [];
  for (const row of rows) {
    const parsed = alertMessageSchema.safeParse(row.payload);
    if (parsed.success) good.push({ row, message: parsed.data });
    else malformed.push(row.id);
  }
  if (malformed.length) {
    await db.alertDelivery.updateMany({ where: { id: { in: malformed } }, data: { status: 'failed', lastError: 'the stored alert is malformed' } });
    counts.failed += malformed.length;
  }
  if (good.length === 0) return;
  const t0 = performance.now();
  const result = await sendDigest(good.map((g) => g.message), target, { nowMs: now() });
  const sentAt = now();
  const durationMs = Math.round(performance.now() - t0);
  const ids = good.map((g) => g.row.id);
  await db.deliveryAttempt.createMany({
    data: ids.map((deliveryId) => ({ deliveryId, httpStatus: result.ok ? result.httpStatus : (result.httpStatus ?? null), error: result.ok ? null : result.error, durationMs })),
  });
  if (result.ok) {
    await db.alertDelivery.updateMany({ where: { id: { in: ids } }, data: { status: 'delivered', deliveredAt: new Date(sentAt), lastError: null } });
    if (!route.healthy) await db.alertRoute.update({ where: { id: route.id }, data: { healthy: true, unhealthyReason: null } });
    counts.delivered += ids.length;
    return;
  }
  if (!result.retryable) {
    await failRoute(db, route, good.map((g) => g.row), result.error, counts);
    return;
  }
  const oldest = Math.min(...good.map((g) => g.row.created_at.getTime()));
  const attempts = Math.max(...good.map((g) => g.row.attempts));
  const delay = retryDelayMs(attempts, result.retryAfterMs, (options.random ?? Math.random)());
  const givingUp = sentAt - oldest > GIVE_UP_AFTER_MS;
  await db.alertDelivery.updateMany({
    where: { id: { in: ids } },
    data: givingUp ? { status: 'failed', lastError: `gave up after ${attempts} attempts: ${result.error}` } : { nextAttemptAt: new Date(sentAt + delay), lastError: result.error },
  });
  if (givingUp) counts.failed += ids.length;
  else counts.retrying += ids.length;
  logger.warn('alert_delivery_retry', { route: route.name, digest: ids.length, attempts, delayMs: delay, error: result.error });
}

async function failRoute(db: PrismaClient, route: Route, rows: Claimed[], reason: string, counts: DeliveryCounts) {
  const [first, ...rest] = rows;
  await db.$transaction([
    db.alertDelivery.update({ where: { id: first!.id }, data: { status: 'failed', lastError: reason } }),
    db.alertDelivery.updateMany({ where: { id: { in: rest.map((r) => r.id) } }, data: { status: 'failed', lastError: `not sent: the route failed: ${reason}`, attempts: { decrement: 1 } } }),
    // Rows queued for the route but not claimed yet stop here too, until it is fixed.
    db.alertDelivery.updateMany({ where: { routeId: route.id, status: 'pending', id: { notIn: rows.map((r) => r.id) } }, data: { status: 'failed', lastError: `not sent: the route failed: ${reason}` } }),
    db.alertRoute.update({ where: { id: route.id }, data: { healthy: false, unhealthyReason: reason.slice(0, 500) } }),
  ]);
  counts.failed += rows.length;
  logger.error('alert_route_failed', { route: route.name, channel: route.channel, error: reason });
}
