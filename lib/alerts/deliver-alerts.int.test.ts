import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakePagerDuty, type FakePagerDuty } from '@/fakes/pagerduty-events-server';
import { startFakeSlack, type FakeSlack } from '@/fakes/slack-webhook-server';
import { changeIncidentStatus } from '@/lib/incidents/incident-actions';
import { recordFindings, type StoredFinding } from '@/lib/incidents/record-findings';
import { buildKeyring } from '@/lib/secrets/master-key';
import { createSecret, readSecret } from '@/lib/secrets/secret-store';
import { freshDatabase } from '@/test/database';
import type { AlertChannelSender } from './channels/channel';
import { ALERT_CHANNELS } from './channels/registry';
import { deliverDueAlerts, type DeliverOptions } from './deliver-alerts';
import { nextDigestAt } from './delivery-policy';
import { alertOutbox } from './outbox';

// The outbox and its worker against the fake Slack and PagerDuty over real HTTP. Time is
// virtual: the worker's clock and sleeps and the fakes' rate limiters share one clock, so
// a hundred paced Slack messages take no real minutes.

const ROUTING_KEY = 'fakefakefakefakefakefakefakefake';
const keyring = buildKeyring(randomBytes(32));
const onChange = alertOutbox({ publicUrl: 'http://burnrate.test', now: () => clock });
let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let slack: FakeSlack;
let pd: FakePagerDuty;
let clock = Date.now();
let keys: string[] = [];
let slackUrl: string;
let slackRoute: string;

const now = () => clock;
const options = (overrides: Partial<DeliverOptions> = {}): DeliverOptions => ({
  readTarget: (id) => readSecret(ctx.prisma, id, keyring),
  pagerDutyUrl: pd.url,
  now,
  sleep: async (ms) => void (clock += ms),
  random: () => 0.5,
  ...overrides,
});

async function openIncidents(count: number, severity: StoredFinding['severity'] = 'critical') {
  const at = Math.floor(clock / 60_000) * 60_000;
  const findings: StoredFinding[] = keys.slice(0, count).map((keyId, i) => ({ key: keyId, keyId, environment: 'production', kind: 'spike', severity, summary: `burst ${i}`, at, evidence: { observedUsd: 40, expectedUsd: 2 } }));
  await recordFindings(ctx.prisma, findings, { now: clock, bucketSeconds: 60, onChange });
  return ctx.prisma.incident.findMany({ where: { status: 'open' }, orderBy: { createdAt: 'asc' } });
}

/** Runs the worker until nothing is due, moving the clock past each retry. */
async function drain(overrides: Partial<DeliverOptions> = {}) {
  for (let round = 0; round < 50; round++) {
    await deliverDueAlerts(ctx.prisma, options(overrides));
    if ((await ctx.prisma.alertDelivery.count({ where: { status: 'pending' } })) === 0) return;
    const next = await ctx.prisma.alertDelivery.findFirst({ where: { status: 'pending', nextAttemptAt: { gt: new Date(clock) } }, orderBy: { nextAttemptAt: 'asc' } });
    if (next) clock = next.nextAttemptAt.getTime();
  }
  const stuck = await ctx.prisma.alertDelivery.findMany({ where: { status: 'pending' }, select: { action: true, attempts: true, lastError: true, nextAttemptAt: true } });
  throw new Error(`deliveries still pending after 50 rounds: ${JSON.stringify(stuck.slice(0, 3))} clock ${new Date(clock).toISOString()}`);
}

beforeAll(async () => {
  ctx = await freshDatabase();
  slack = await startFakeSlack({ now });
  pd = await startFakePagerDuty({ now });
  slackUrl = slack.addWebhook();
  const db = ctx.prisma;
  await db.environment.create({ data: { name: 'production' } });
  await db.apiKey.createMany({ data: Array.from({ length: 120 }, (_, i) => ({ provider: 'openai' as const, providerKeyId: `key_alert_${i}`, name: `key-${i}`, environment: 'production' })) });
  keys = (await db.apiKey.findMany({ orderBy: { name: 'asc' }, select: { id: true } })).map((k) => k.id);
  const slackSecret = await createSecret(db, slackUrl, 'slack', keyring);
  const pdSecret = await createSecret(db, ROUTING_KEY, 'pagerduty', keyring);
  slackRoute = (await db.alertRoute.create({ data: { name: 'slack-all', channel: 'slack', secretId: slackSecret.id, minSeverity: 'warning' } })).id;
  await db.alertRoute.create({ data: { name: 'pagerduty-production', channel: 'pagerduty', secretId: pdSecret.id, environments: ['production'], minSeverity: 'error' } });
});
afterAll(async () => {
  await Promise.all([slack.stop(), pd.stop()]);
  await ctx.cleanup();
});
beforeEach(async () => {
  await ctx.prisma.incident.deleteMany();
  await ctx.prisma.alertRoute.update({ where: { id: slackRoute }, data: { healthy: true, unhealthyReason: null } });
  slack.addWebhook(new URL(slackUrl).pathname);
  slack.messages.length = 0;
  slack.requests.length = 0;
  clock += 3_600_000;
});

describe('alert delivery', () => {
  it('survives an outage of both channels during a burst: all delivered after recovery, none paged twice, in order', async () => {
    await pd.down('refused');
    await slack.down('unavailable');
    const incidents = await openIncidents(10);
    expect(await ctx.prisma.alertDelivery.count({ where: { status: 'pending' } })).toBe(20);
    const during = await deliverDueAlerts(ctx.prisma, options());
    expect(during.delivered).toBe(0);
    expect(during.retrying).toBe(20);
    // Resolved while the channels are still down: the resolve queues behind its trigger.
    await changeIncidentStatus(ctx.prisma, incidents[0]!.id, 'resolve', { id: null, label: 'alice' }, { now: clock, onChange });
    clock += 10 * 60_000;
    await deliverDueAlerts(ctx.prisma, options());
    await pd.up();
    await slack.up();
    await drain();
    for (const i of incidents) expect(pd.pages(i.dedupKey), i.summary).toBe(1);
    expect(pd.eventsFor(incidents[0]!.dedupKey).map((e) => e.action)).toEqual(['trigger', 'resolve']);
    const texts = slack.messages.map((m) => String(m.body.text));
    expect(texts).toHaveLength(11);
    expect(texts.filter((t) => /Resolved/i.test(t))).toHaveLength(1);
    expect(texts.findIndex((t) => /Resolved/i.test(t))).toBeGreaterThan(texts.findIndex((t) => t.includes('key-0')));
    expect(await ctx.prisma.alertDelivery.count({ where: { status: { not: 'delivered' } } })).toBe(0);
    expect(await ctx.prisma.deliveryAttempt.count({ where: { httpStatus: null } })).toBeGreaterThan(0); // refused: no status
  });

  it('delivers 100 incidents in a minute to a 1 msg/s webhook without a 429 storm', async () => {
    await openIncidents(100, 'warning'); // warning: Slack only
    await drain();
    expect(slack.messages).toHaveLength(100);
    expect(slack.requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(1);
    const at = slack.messages.map((m) => m.at);
    expect(at.every((t, i) => i === 0 || t - at[i - 1]! >= 1_000)).toBe(true);
  });

  it('sends acknowledge and resolve to PagerDuty as the incident changes', async () => {
    const [incident] = await openIncidents(1);
    await drain();
    await changeIncidentStatus(ctx.prisma, incident!.id, 'acknowledge', { id: null, label: 'alice' }, { now: clock, onChange });
    await drain();
    expect(pd.alert(incident!.dedupKey)?.status).toBe('acknowledged');
    await changeIncidentStatus(ctx.prisma, incident!.id, 'resolve', { id: null, label: 'alice' }, { now: clock, onChange });
    await drain();
    expect(pd.eventsFor(incident!.dedupKey).map((e) => e.action)).toEqual(['trigger', 'acknowledge', 'resolve']);
    expect(pd.alert(incident!.dedupKey)?.status).toBe('resolved');
  });

  it('marks a revoked webhook unhealthy, stops retrying, and never shows the URL', async () => {
    slack.revoke(slackUrl);
    await openIncidents(3, 'warning');
    await drain();
    const route = await ctx.prisma.alertRoute.findUniqueOrThrow({ where: { id: slackRoute } });
    expect(route.healthy).toBe(false);
    expect(route.unhealthyReason).toMatch(/no_service/);
    expect(slack.requests).toHaveLength(1);
    const deliveries = await ctx.prisma.alertDelivery.findMany({ where: { routeId: slackRoute, status: 'failed' }, include: { tries: true } });
    expect(deliveries).toHaveLength(3);
    expect(deliveries.flatMap((d) => d.tries)).toHaveLength(1);
    clock += 3_600_000;
    await drain();
    expect(slack.requests).toHaveLength(1);
    const everything = JSON.stringify({ route, deliveries }, (_, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(everything).not.toContain(new URL(slackUrl).pathname);
  });

  it('gathers info notices on a digest route into one Slack message at the digest hour, with no follow-ups', async () => {
    const digestUrl = slack.addWebhook();
    const secret = await createSecret(ctx.prisma, digestUrl, 'slack', keyring);
    const digest = await ctx.prisma.alertRoute.create({ data: { name: 'slack-digest', channel: 'slack', secretId: secret.id, minSeverity: 'info', digest: true } });
    try {
      const incidents = await openIncidents(3, 'info'); // info: below the other routes' floors
      await deliverDueAlerts(ctx.prisma, options());
      expect(slack.messagesFor(digestUrl)).toHaveLength(0);
      // Resolved before the digest goes out: still a line in it, and no follow-up of its own.
      await changeIncidentStatus(ctx.prisma, incidents[0]!.id, 'resolve', { id: null, label: 'alice' }, { now: clock, onChange });
      expect(await ctx.prisma.alertDelivery.count({ where: { routeId: digest.id, action: 'resolve' } })).toBe(0);

      clock = nextDigestAt(clock) - 1;
      await deliverDueAlerts(ctx.prisma, options());
      expect(slack.messagesFor(digestUrl)).toHaveLength(0);
      clock += 1;
      await deliverDueAlerts(ctx.prisma, options());
      const [message, ...more] = slack.messagesFor(digestUrl);
      expect(more).toHaveLength(0);
      expect(String(message!.body.text)).toMatch(/^Burnrate daily digest: 3 quiet notices/);
      const shown = JSON.stringify(message!.body.blocks);
      for (const i of incidents) expect(shown).toContain(`/incidents/${i.id}`);
      const rows = await ctx.prisma.alertDelivery.findMany({ where: { routeId: digest.id }, include: { tries: true } });
      expect(rows.map((r) => [r.status, r.tries.length])).toEqual([
        ['delivered', 1],
        ['delivered', 1],
        ['delivered', 1],
      ]);
    } finally {
      await ctx.prisma.alertRoute.delete({ where: { id: digest.id } });
    }
  });

  it('a worker that dies between sending and recording does not page twice', async () => {
    const [incident] = await openIncidents(1);
    const crashing: AlertChannelSender = {
      channel: 'pagerduty',
      async send(message, target, sendOptions) {
        await ALERT_CHANNELS.pagerduty.send(message, target, sendOptions);
        throw new Error('killed before recording');
      },
    };
    await expect(deliverDueAlerts(ctx.prisma, options({ senders: { ...ALERT_CHANNELS, pagerduty: crashing } }))).rejects.toThrow(/killed/);
    clock += 3 * 60_000; // past the claim lease
    await drain();
    expect(pd.eventsFor(incident!.dedupKey).filter((e) => e.action === 'trigger')).toHaveLength(2);
    expect(pd.pages(incident!.dedupKey)).toBe(1);
  });
});
