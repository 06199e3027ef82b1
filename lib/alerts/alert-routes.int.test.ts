import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakePagerDuty, type FakePagerDuty } from '@/fakes/pagerduty-events-server';
import { startFakeSlack, type FakeSlack } from '@/fakes/slack-webhook-server';
import { freshDatabase } from '@/test/database';
import { createRouteSchema } from './alert-route-schemas';
import { createRoute, deleteRoute, listRoutes, sendTestAlert, updateRoute } from './alert-routes';

// Routes through the lib the API calls, against the fake channels. The targets are known
// strings, searched for in everything the lib returns or stores in the clear.

const actor = { id: null, label: 'admin@example.com' };
let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let slack: FakeSlack;
let pd: FakePagerDuty;
let hook: string;
const ROUTING_KEY = 'fakefakefakefakefakefakefake0001';

beforeAll(async () => {
  process.env.BURNRATE_MASTER_KEY ??= randomBytes(32).toString('base64');
  ctx = await freshDatabase();
  slack = await startFakeSlack();
  pd = await startFakePagerDuty();
  hook = slack.addWebhook('/services/TFAKE/BFAKE/routesecret0001');
});
afterAll(async () => {
  await Promise.all([slack.stop(), pd.stop()]);
  await ctx.cleanup();
});

const clear = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? String(v) : v));

describe('alert routes', () => {
  it('validates targets with messages that say what a good one looks like', () => {
    expect(createRouteSchema.safeParse({ channel: 'pagerduty', name: 'pd', target: 'short' }).error?.issues[0]?.message).toMatch(/32 letters and digits/);
    expect(createRouteSchema.safeParse({ channel: 'slack', name: 's', target: 'http://hooks.slack.com/services/x' }).error?.issues[0]?.message).toMatch(/https/);
    expect(createRouteSchema.safeParse({ channel: 'slack', name: 's', target: hook }).success).toBe(true); // loopback http: the fakes
    expect(createRouteSchema.parse({ channel: 'slack', name: 's', target: hook, digest: true }).digest).toBe(true);
    const pdDigest = createRouteSchema.safeParse({ channel: 'pagerduty', name: 'pd', target: 'a'.repeat(32), digest: true });
    expect(pdDigest.error?.issues[0]?.message).toMatch(/PagerDuty route pages at once/);
  });

  it('creates, tests, breaks, repairs and deletes a route without ever showing its target', async () => {
    const db = ctx.prisma;
    const created = await createRoute(db, createRouteSchema.parse({ channel: 'slack', name: 'team-slack', target: hook }), actor);
    expect(created).toMatchObject({ channel: 'slack', minSeverity: 'warning', healthy: true });
    expect(created.targetHint).toMatch(/…0001$/);
    const pdRoute = await createRoute(db, createRouteSchema.parse({ channel: 'pagerduty', name: 'pd', target: ROUTING_KEY, environments: ['production'], minSeverity: 'error' }), actor);

    expect(await sendTestAlert(db, created.id, { publicUrl: 'http://burnrate.test', now: Date.now() })).toMatchObject({ ok: true, httpStatus: 200 });
    expect(slack.messagesFor(hook)).toHaveLength(1);
    expect(String(slack.messagesFor(hook)[0]!.body.text)).toMatch(/Test alert/);
    expect(await sendTestAlert(db, pdRoute.id, { publicUrl: 'http://burnrate.test', pagerDutyUrl: pd.url, now: Date.now() })).toMatchObject({ ok: true, httpStatus: 202 });

    slack.revoke(hook);
    const failed = await sendTestAlert(db, created.id, { publicUrl: 'http://burnrate.test', now: Date.now() });
    expect(failed).toMatchObject({ ok: false, httpStatus: 404 });
    expect(failed.message).toMatch(/no_service/);
    expect((await listRoutes(db, Date.now())).find((r) => r.id === created.id)).toMatchObject({ healthy: false, failedLastDay: 1 });

    const fresh = slack.addWebhook('/services/TFAKE/BFAKE/routesecret0002');
    await expect(updateRoute(db, created.id, { target: 'not a url' }, actor)).rejects.toThrow(/Invalid target/);
    const repaired = await updateRoute(db, created.id, { target: fresh, minSeverity: 'info' }, actor);
    expect(repaired).toMatchObject({ healthy: true, minSeverity: 'info' });
    expect(repaired.targetHint).toMatch(/…0002$/);
    await expect(createRoute(db, createRouteSchema.parse({ channel: 'slack', name: 'team-slack', target: fresh }), actor)).rejects.toThrow(/exists already/);

    await deleteRoute(db, pdRoute.id, actor);
    expect((await listRoutes(db, Date.now())).map((r) => r.name)).toEqual(['team-slack']);

    const audit = await db.auditEvent.findMany({ where: { targetType: 'alert_route' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['alert_route.create', 'alert_route.create', 'alert_route.update', 'alert_route.delete']);
    const stored = clear({ audit, routes: await db.alertRoute.findMany(), deliveries: await db.alertDelivery.findMany({ include: { tries: true } }), listed: await listRoutes(db, Date.now()) });
    for (const secret of [hook, fresh, ROUTING_KEY, 'routesecret0001', 'routesecret0002']) expect(stored).not.toContain(secret);
  });
});

it('a PATCH that leaves a filter out leaves it as it is', async () => {
  const { updateRouteSchema } = await import('./alert-route-schemas');
  expect(updateRouteSchema.parse({ enabled: false })).toEqual({ enabled: false });
});
