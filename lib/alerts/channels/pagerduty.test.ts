import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakePagerDuty } from '@/fakes/pagerduty-events-server';
import type { FakePagerDuty } from '@/fakes/pagerduty-events-server';
import { buildAlertMessage, buildTestMessage } from '@/lib/alerts/message';
import type { IncidentView } from '@/lib/alerts/message';
import { pagerDutyEvent, pagerDutySender, pagerDutySource, sendPagerDuty } from './pagerduty';

// The PagerDuty mapping (pure) and the sender against the fake Events API over real HTTP.

const KEY = 'fakefakefakefakefakefakefakefake';
const view = (over: Partial<IncidentView> = {}): IncidentView => ({
  id: 'inc-1',
  kind: 'spike',
  severity: 'critical',
  status: 'open',
  summary: 'cost $48.00 at 02:00 local vs expected $1.20',
  evidence: { observedUsd: 48, expectedUsd: 1.2, multiple: 40, localTime: '2026-03-31 02:00', models: [{ model: 'gpt-4o', costUsd: 48, requests: 900 }] },
  dedupKey: 'spike:k1',
  openedAt: new Date('2026-03-31T00:05:00Z'),
  environment: 'production',
  key: { id: 'key-1', name: 'support-chat' },
  ...over,
});
const msg = (action: 'trigger' | 'acknowledge' | 'resolve' = 'trigger', over: Partial<IncidentView> = {}) => buildAlertMessage(view(over), action, { publicUrl: 'https://burnrate.example.com' });

describe('pagerDutyEvent', () => {
  it('maps a trigger', () => {
    expect(pagerDutyEvent(msg(), KEY)).toEqual({
      routing_key: KEY,
      event_action: 'trigger',
      dedup_key: 'spike:k1',
      payload: {
        summary: 'Spend spike on support-chat (production): cost $48.00 at 02:00 local vs expected $1.20',
        source: 'burnrate/production/support-chat',
        severity: 'critical',
        timestamp: '2026-03-31T00:05:00.000Z',
        component: 'support-chat',
        group: 'production',
        class: 'spike',
        custom_details: { observedUsd: 48, expectedUsd: 1.2, multiple: 40, localTime: '2026-03-31 02:00', models: [{ model: 'gpt-4o', costUsd: 48, requests: 900 }] },
      },
      links: [
        { href: 'https://burnrate.example.com/incidents/inc-1', text: 'Incident in Burnrate' },
        { href: 'https://burnrate.example.com/keys/key-1', text: 'Key support-chat' },
      ],
      client: 'Burnrate',
      client_url: 'https://burnrate.example.com/incidents/inc-1',
    });
  });

  it.each(['info', 'warning', 'error', 'critical'] as const)('severity %s maps to the same name', (severity) => {
    expect(pagerDutyEvent(msg('trigger', { severity }), KEY).payload?.severity).toBe(severity);
  });

  it.each(['acknowledge', 'resolve'] as const)('%s carries only key, action and dedup_key', (action) => {
    expect(pagerDutyEvent(msg(action), KEY)).toEqual({ routing_key: KEY, event_action: action, dedup_key: 'spike:k1' });
  });

  it('clips the summary to 1024 characters', () => {
    const summary = pagerDutyEvent(msg('trigger', { summary: 'x'.repeat(5000) }), KEY).payload!.summary;
    expect(summary).toHaveLength(1024);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('names the source for environment-wide incidents', () => {
    expect(pagerDutySource({ environment: 'production', keyName: null })).toBe('burnrate/production/all-keys');
    expect(pagerDutySource({ environment: null, keyName: null })).toBe('burnrate/all-environments/all-keys');
    const event = pagerDutyEvent(msg('trigger', { key: null, kind: 'budget' }), KEY);
    expect(event.links).toHaveLength(1);
    expect(event.payload).not.toHaveProperty('component');
  });
});

let fake: FakePagerDuty;
let now = 0;
beforeAll(async () => {
  fake = await startFakePagerDuty({ now: () => now, rateLimit: { limit: 5, windowMs: 60_000 } });
});
afterAll(() => fake.stop());
beforeEach(async () => {
  now += 120_000; // a fresh rate-limit window
  fake.faults.clear();
  await fake.up();
});

const opts = () => ({ baseUrl: fake.url, timeoutMs: 2000 });
const noKey = (result: unknown) => expect(JSON.stringify(result)).not.toContain(KEY);

describe('sendPagerDuty', () => {
  it('202: delivered, with the dedup_key as channel ref', async () => {
    expect(await pagerDutySender.send(msg('trigger', { dedupKey: 'ok:1' }), KEY, opts())).toEqual({ ok: true, httpStatus: 202, channelRef: 'ok:1' });
    expect(fake.alert('ok:1')).toMatchObject({ status: 'triggered', opened: 1 });
  });

  it('a whole lifecycle pages once and closes the alert, in order', async () => {
    for (const action of ['trigger', 'trigger', 'acknowledge', 'resolve'] as const) expect((await sendPagerDuty(msg(action, { dedupKey: 'life:1' }), KEY, opts())).ok).toBe(true);
    expect(fake.pages('life:1')).toBe(1);
    expect(fake.eventsFor('life:1').map((e) => e.action)).toEqual(['trigger', 'trigger', 'acknowledge', 'resolve']);
    expect(fake.alert('life:1')?.status).toBe('resolved');
  });

  it.each(['info', 'warning', 'error', 'critical'] as const)('PagerDuty receives severity %s', async (severity) => {
    await sendPagerDuty(msg('trigger', { severity, dedupKey: `sev:${severity}` }), KEY, opts());
    expect(fake.eventsFor(`sev:${severity}`)[0]?.severity).toBe(severity);
  });

  it('400 is permanent, says why, and never quotes the routing key', async () => {
    const badKey = 'fakefakefake-too-short';
    const result = await sendPagerDuty(msg(), badKey, opts());
    expect(result).toMatchObject({ ok: false, retryable: false, httpStatus: 400 });
    expect(result.ok === false && result.error).toContain("Length of 'routing_key' is incorrect");
    expect(JSON.stringify(result)).not.toContain(badKey);
  });

  it('429 is retryable', async () => {
    for (let i = 0; i < 5; i++) await sendPagerDuty(msg('trigger', { dedupKey: `burst:${i}` }), KEY, opts());
    const result = await sendPagerDuty(msg('trigger', { dedupKey: 'burst:6' }), KEY, opts());
    expect(result).toMatchObject({ ok: false, retryable: true, httpStatus: 429 });
    expect(result).not.toHaveProperty('retryAfterMs'); // PagerDuty sends no Retry-After
    noKey(result);
  });

  it('429 with Retry-After passes it through', async () => {
    fake.faults.inject({ kind: 'rate_limit', retryAfterSeconds: 30 });
    expect(await sendPagerDuty(msg(), KEY, opts())).toMatchObject({ ok: false, retryable: true, httpStatus: 429, retryAfterMs: 30_000 });
  });

  it.each([500, 502, 503])('%i is retryable', async (status) => {
    fake.faults.inject({ kind: 'server_error', status });
    const result = await sendPagerDuty(msg(), KEY, opts());
    expect(result).toMatchObject({ ok: false, retryable: true, httpStatus: status });
    noKey(result);
  });

  it('down (connection refused) is retryable', async () => {
    await fake.down();
    const result = await sendPagerDuty(msg(), KEY, opts());
    expect(result).toEqual({ ok: false, retryable: true, error: 'pagerduty not reached: connection refused' });
  });

  it('a timeout is retryable', async () => {
    fake.faults.inject({ kind: 'timeout' });
    expect(await sendPagerDuty(msg(), KEY, { ...opts(), timeoutMs: 150 })).toEqual({ ok: false, retryable: true, error: 'pagerduty not reached: no answer within 150 ms' });
  });

  it('a test alert is triggered at info and resolved at once', async () => {
    const m = buildTestMessage({ routeName: 'oncall', publicUrl: 'https://burnrate.example.com', nowMs: 1_774_951_200_000 });
    expect(await sendPagerDuty(m, KEY, opts())).toEqual({ ok: true, httpStatus: 202, channelRef: m.dedupKey });
    expect(fake.eventsFor(m.dedupKey).map((e) => `${e.action}:${e.effect}`)).toEqual(['trigger:opened', 'resolve:resolved']);
    expect(fake.eventsFor(m.dedupKey)[0]).toMatchObject({ severity: 'info', summary: expect.stringMatching(/^\[TEST\] /) });
  });
});
