import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_SLACK_HOOK, startFakeSlack } from '@/fakes/slack-webhook-server';
import type { FakeSlack } from '@/fakes/slack-webhook-server';
import { buildAlertMessage } from '@/lib/alerts/message';
import type { SendResult } from './channel';
import { sendSlack, slackSender } from './slack';

// The Slack sender against the fake incoming webhook over real HTTP on loopback.

const message = (action: 'trigger' | 'resolve' = 'trigger') =>
  buildAlertMessage(
    {
      id: 'inc-1',
      kind: 'spike',
      severity: 'critical',
      status: action === 'resolve' ? 'resolved' : 'open',
      summary: 'cost $48.00 at 02:00 local vs expected $1.20',
      evidence: { observedUsd: 48, expectedUsd: 1.2, multiple: 40 },
      dedupKey: 'spike:k1',
      openedAt: new Date('2026-03-31T00:05:00Z'),
      environment: 'production',
      key: { id: 'key-1', name: 'support-chat' },
    },
    action,
    { publicUrl: 'https://burnrate.example.com' },
  );

let fake: FakeSlack;
let url: string;
let now = 1_000_000;
beforeAll(async () => {
  fake = await startFakeSlack({ now: () => now });
});
afterAll(() => fake.stop());
beforeEach(async () => {
  now += 60_000; // a fresh rate-limit bucket
  url = fake.addWebhook();
  fake.faults.clear();
  await fake.up();
});

// No failure may carry the webhook URL or any part of its secret path.
function expectNoSecret(result: SendResult) {
  const text = JSON.stringify(result);
  for (const part of [url, FAKE_SLACK_HOOK, 'fakefakefake', 'BFAKE/fakefakefake']) expect(text).not.toContain(part);
}

describe('sendSlack', () => {
  it('delivers the rendered message and reports 200', async () => {
    const before = fake.messages.length;
    expect(await slackSender.send(message(), url)).toEqual({ ok: true, httpStatus: 200 });
    const got = fake.messages.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.body.text).toContain('Spend spike on support-chat');
    expect(got[0]!.body.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'header' })]));
    expect(fake.requests.at(-1)!.problem).toBeUndefined();
  });

  it('sends the resolve follow-up as a short message', async () => {
    await sendSlack(message('resolve'), url);
    expect(String(fake.messages.at(-1)!.body.text)).toMatch(/^Resolved: /);
  });

  it.each([
    ['revoked', 404, 'no_service'],
    ['archived', 410, 'channel_is_archived'],
    ['prohibited', 403, 'action_prohibited'],
  ] as const)('a %s webhook is a permanent failure (%i %s)', async (state, status, code) => {
    fake.setWebhookState(url, state);
    const result = await sendSlack(message(), url);
    expect(result).toMatchObject({ ok: false, retryable: false, httpStatus: status });
    expect(result.ok === false && result.error).toContain(code);
    expectNoSecret(result);
    fake.setWebhookState(url, 'active');
  });

  it('an unknown webhook is no_service, without echoing its URL', async () => {
    const made = `${fake.url}/services/TFAKE/BFAKE/madeupfakefake`;
    const result = await sendSlack(message(), made);
    expect(result).toMatchObject({ ok: false, retryable: false, httpStatus: 404 });
    expect(JSON.stringify(result)).not.toContain('madeupfakefake');
  });

  it('429 is retryable and carries Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await sendSlack(message(), url)).ok).toBe(true);
    const result = await sendSlack(message(), url);
    expect(result).toEqual({ ok: false, retryable: true, httpStatus: 429, retryAfterMs: 1000, error: 'slack answered 429 rate_limited' });
  });

  it('a planned 429 passes its Retry-After through', async () => {
    fake.faults.inject({ kind: 'rate_limit', retryAfterSeconds: 30 });
    expect(await sendSlack(message(), url)).toMatchObject({ ok: false, retryable: true, retryAfterMs: 30_000 });
  });

  it('5xx is retryable', async () => {
    fake.faults.inject({ kind: 'server_error', status: 500 });
    const result = await sendSlack(message(), url);
    expect(result).toMatchObject({ ok: false, retryable: true, httpStatus: 500 });
    expectNoSecret(result);
  });

  it('a Slack outage (503) is retryable', async () => {
    await fake.down('unavailable');
    expect(await sendSlack(message(), url)).toMatchObject({ ok: false, retryable: true, httpStatus: 503 });
  });

  it('connection refused is retryable, with no status and no URL', async () => {
    await fake.down();
    const result = await sendSlack(message(), url);
    expect(result).toEqual({ ok: false, retryable: true, error: 'slack not reached: connection refused' });
    expectNoSecret(result);
  });

  it('a timeout is retryable', async () => {
    fake.faults.inject({ kind: 'timeout' });
    const result = await sendSlack(message(), url, { timeoutMs: 150 });
    expect(result).toEqual({ ok: false, retryable: true, error: 'slack not reached: no answer within 150 ms' });
  });

  it('a target that is not a URL fails permanently without quoting it', async () => {
    const result = await sendSlack(message(), 'hooks.slack.com/services/TFAKE/BFAKE/fakefakefake');
    expect(result).toMatchObject({ ok: false, retryable: false });
    expectNoSecret(result);
  });
});
