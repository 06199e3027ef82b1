import { afterEach, describe, expect, it } from 'vitest';
import { FaultPlan } from './faults';
import { eventErrors, startFakePagerDuty } from './pagerduty-events-server';
import type { FakePagerDuty } from './pagerduty-events-server';

// The fake PagerDuty Events API v2, driven with plain fetch on loopback. Wire format and
// dedup rules: /work/shared/reference/provider-apis.md §5.

const KEY = 'fakefakefakefakefakefakefakefake';
const OTHER_KEY = 'fakefakefakefakefakefakefake0002';

let fake: FakePagerDuty | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

const trigger = (dedup_key?: string, over: Record<string, unknown> = {}) => ({
  routing_key: KEY,
  event_action: 'trigger',
  ...(dedup_key ? { dedup_key } : {}),
  payload: { summary: 'Spend spike on support-chat', source: 'burnrate/production/support-chat', severity: 'critical' },
  ...over,
});
const act = (event_action: string, dedup_key: string, routing_key = KEY) => ({ routing_key, event_action, dedup_key });

const send = async (body: unknown) => {
  const res = await fetch(`${fake!.url}/v2/enqueue`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, retryAfter: res.headers.get('retry-after') };
};

describe('fake PagerDuty: validation', () => {
  it('answers 202 with the dedup_key', async () => {
    fake = await startFakePagerDuty();
    expect(await send(trigger('spike:k1'))).toMatchObject({ status: 202, body: { status: 'success', message: 'Event processed', dedup_key: 'spike:k1' } });
  });

  it('makes up a dedup_key for a trigger without one', async () => {
    fake = await startFakePagerDuty();
    const res = await send(trigger());
    expect(res.body.dedup_key).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.alert(res.body.dedup_key as string)?.status).toBe('triggered');
  });

  it.each<[string, unknown, string]>([
    ['short routing key', trigger('d', { routing_key: 'short' }), "Length of 'routing_key' is incorrect (should be 32 characters)"],
    ['no routing key', trigger('d', { routing_key: undefined }), "'routing_key' is missing or blank"],
    ['bad action', trigger('d', { event_action: 'page' }), "'event_action' is invalid"],
    ['no payload', trigger('d', { payload: undefined }), "'payload' is missing or blank"],
    ['no summary', trigger('d', { payload: { source: 's', severity: 'info' } }), "'payload.summary' is missing or blank"],
    ['summary over 1024', trigger('d', { payload: { summary: 'x'.repeat(1025), source: 's', severity: 'info' } }), "'payload.summary' is too long"],
    ['no source', trigger('d', { payload: { summary: 's', severity: 'info' } }), "'payload.source' is missing or blank"],
    ['bad severity', trigger('d', { payload: { summary: 's', source: 's', severity: 'high' } }), "'payload.severity' is invalid"],
    ['resolve without dedup_key', { routing_key: KEY, event_action: 'resolve' }, "'dedup_key' is missing or blank"],
    ['long dedup_key', trigger('x'.repeat(256)), "'dedup_key' must be a string of at most 255 characters"],
    ['link without href', trigger('d', { links: [{ text: 'x' }] }), "'links' must be a list of objects with an 'href'"],
    ['not JSON', '{nope', 'Event object is not valid JSON'],
  ])('%s -> 400', async (_name, body, error) => {
    fake = await startFakePagerDuty();
    const res = await send(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'invalid event', message: 'Event object is invalid' });
    expect((res.body.errors as string[]).some((e) => e.startsWith(error))).toBe(true);
    expect(fake.events).toHaveLength(0);
  });

  it('accepts ack and resolve with only key, action and dedup_key', () => {
    expect(eventErrors(act('acknowledge', 'd'))).toEqual([]);
    expect(eventErrors(act('resolve', 'd'))).toEqual([]);
  });

  it('answers 404 for another path', async () => {
    fake = await startFakePagerDuty();
    expect((await fetch(`${fake.url}/v2/change/enqueue`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});

describe('fake PagerDuty: dedup and alert state', () => {
  it('opens one alert per dedup_key and keeps the events in order', async () => {
    fake = await startFakePagerDuty();
    await send(trigger('spike:k1'));
    await send(trigger('spike:k1')); // a repeat: same alert
    await send(act('acknowledge', 'spike:k1'));
    await send(trigger('spike:k1')); // still open: no new page
    await send(act('resolve', 'spike:k1'));
    expect(fake.pages('spike:k1')).toBe(1);
    expect(fake.alert('spike:k1')).toMatchObject({ status: 'resolved', opened: 1 });
    expect(fake.eventsFor('spike:k1').map((e) => `${e.action}:${e.effect}`)).toEqual(['trigger:opened', 'trigger:deduplicated', 'acknowledge:acknowledged', 'trigger:deduplicated', 'resolve:resolved']);
    expect(fake.eventsFor('spike:k1').map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('drops ack and resolve for no open alert; a trigger after resolve pages again', async () => {
    fake = await startFakePagerDuty();
    expect((await send(act('resolve', 'never'))).status).toBe(202);
    expect(fake.eventsFor('never')[0]!.effect).toBe('dropped');
    await send(trigger('d'));
    await send(act('resolve', 'd'));
    await send(act('acknowledge', 'd'));
    await send(trigger('d'));
    expect(fake.eventsFor('d').map((e) => e.effect)).toEqual(['opened', 'resolved', 'dropped', 'opened']);
    expect(fake.alert('d')).toMatchObject({ status: 'triggered', opened: 2 });
    expect(fake.pages('d')).toBe(2);
  });

  it('drops ack and resolve sent with another routing key', async () => {
    fake = await startFakePagerDuty();
    await send(trigger('d'));
    await send(act('resolve', 'd', OTHER_KEY));
    expect(fake.alert('d', KEY)?.status).toBe('triggered');
    expect(fake.eventsFor('d')[1]).toMatchObject({ routingKey: OTHER_KEY, effect: 'dropped' });
  });

  it('records severity and summary of triggers', async () => {
    fake = await startFakePagerDuty();
    await send(trigger('d'));
    expect(fake.events[0]).toMatchObject({ severity: 'critical', summary: 'Spend spike on support-chat', body: { routing_key: KEY } });
  });
});

describe('fake PagerDuty: limits and outages', () => {
  it('throttles per routing key over a sliding window', async () => {
    let now = 0;
    fake = await startFakePagerDuty({ now: () => now, rateLimit: { limit: 2, windowMs: 60_000 } });
    expect((await send(trigger('a'))).status).toBe(202);
    now += 30_000;
    expect((await send(trigger('b'))).status).toBe(202);
    expect(await send(trigger('c'))).toMatchObject({ status: 429, body: { status: 'throttled' }, retryAfter: null });
    expect((await send(trigger('c', { routing_key: OTHER_KEY }))).status).toBe(202);
    now += 30_001; // the first call left the window
    expect((await send(trigger('c'))).status).toBe(202);
    expect(fake.requests.map((r) => r.status)).toEqual([202, 202, 429, 202, 202]);
  });

  it('sends Retry-After on 429 when asked to', async () => {
    fake = await startFakePagerDuty({ rateLimit: { limit: 0, windowMs: 1000 }, retryAfterSeconds: 30 });
    expect((await send(trigger('a'))).retryAfter).toBe('30');
  });

  it('goes down (refused, then 503) and comes back on the same URL, keeping its state', async () => {
    fake = await startFakePagerDuty();
    await send(trigger('d'));
    await fake.down();
    await expect(send(act('resolve', 'd'))).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    await fake.up();
    await fake.down('unavailable');
    expect((await send(act('resolve', 'd'))).status).toBe(503);
    await fake.up();
    expect((await send(act('resolve', 'd'))).status).toBe(202);
    expect(fake.alert('d')?.status).toBe('resolved');
  });

  it('applies planned faults before validating', async () => {
    fake = await startFakePagerDuty({ faults: new FaultPlan().inject({ kind: 'server_error', status: 502 }) });
    expect((await send(trigger('d'))).status).toBe(502);
    expect((await send(trigger('d'))).status).toBe(202);
    expect(fake.pages()).toBe(1);
  });
});
