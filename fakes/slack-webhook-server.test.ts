import { afterEach, describe, expect, it } from 'vitest';
import { FaultPlan } from './faults';
import { FAKE_SLACK_HOOK, FAKE_SLACK_MESSAGES_PATH, blockProblem, startFakeSlack } from './slack-webhook-server';
import type { FakeSlack } from './slack-webhook-server';

// The fake Slack incoming webhook, driven with plain fetch on loopback. Wire format:
// /work/shared/reference/provider-apis.md §6.

let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

const post = async (url: string, body: unknown) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, text: await res.text(), retryAfter: res.headers.get('retry-after') };
};

describe('fake Slack webhook: answers', () => {
  it('accepts a message with 200 `ok` as plain text and records it', async () => {
    fake = await startFakeSlack();
    const url = fake.addWebhook();
    expect(url).toBe(`${fake.url}${FAKE_SLACK_HOOK}`);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hello' }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(await res.text()).toBe('ok');
    expect(fake.messages).toEqual([{ at: expect.any(Number), hook: FAKE_SLACK_HOOK, body: { text: 'hello' } }]);
    expect(fake.messagesFor(url)).toHaveLength(1);
  });

  it('reads back the accepted messages as JSON, without counting the read as a request', async () => {
    fake = await startFakeSlack();
    const url = fake.addWebhook();
    await post(url, { text: 'first <https://burnrate.example.com/incidents/inc-1|Open incident>' });
    await post(url, { username: 'refused' });
    const res = await fetch(`${fake.url}${FAKE_SLACK_MESSAGES_PATH}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { messages: { at: string; body: unknown }[] };
    expect(body.messages).toEqual([{ at: new Date(fake.messages[0]!.at).toISOString(), body: { text: 'first <https://burnrate.example.com/incidents/inc-1|Open incident>' } }]);
    expect(fake.requests).toHaveLength(2);
    // Only GET reads; anything else at that path is not a webhook.
    expect(await post(`${fake.url}${FAKE_SLACK_MESSAGES_PATH}`, { text: 'x' })).toMatchObject({ status: 404, text: 'no_service' });
  });

  it.each<[string, unknown, number, string]>([
    ['malformed JSON', '{"text":', 400, 'invalid_payload'],
    ['not an object', [1, 2], 400, 'invalid_payload'],
    ['no text or blocks', { username: 'x' }, 400, 'no_text'],
    ['blank text', { text: '  ' }, 400, 'no_text'],
    ['text not a string', { text: 5 }, 400, 'invalid_payload'],
    ['a header longer than 150', { text: 't', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }] }, 400, 'invalid_payload'],
    ['blocks alone are enough', { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] }, 200, 'ok'],
  ])('%s -> %i %s', async (_name, body, status, text) => {
    fake = await startFakeSlack();
    const res = await post(fake.addWebhook(), body);
    expect(res).toMatchObject({ status, text });
    expect(fake.messages).toHaveLength(status === 200 ? 1 : 0);
    expect(fake.requests).toHaveLength(1);
  });

  it('says why it rejected blocks, for a failing test to show', async () => {
    fake = await startFakeSlack();
    await post(fake.addWebhook(), { text: 't', blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }] });
    expect(fake.requests[0]!.problem).toBe('blocks[0] (section): more than 10 fields');
  });

  it('answers no_service for an unknown or revoked webhook, and the other states', async () => {
    fake = await startFakeSlack();
    const url = fake.addWebhook();
    expect(await post(`${fake.url}/services/TFAKE/BFAKE/otherfake`, { text: 'x' })).toMatchObject({ status: 404, text: 'no_service' });
    expect(await post(`${fake.url}/nope`, { text: 'x' })).toMatchObject({ status: 404, text: 'no_service' });
    fake.revoke(url);
    expect(await post(url, { text: 'x' })).toMatchObject({ status: 404, text: 'no_service' });
    fake.setWebhookState(url, 'archived');
    expect(await post(url, { text: 'x' })).toMatchObject({ status: 410, text: 'channel_is_archived' });
    fake.setWebhookState(url, 'prohibited');
    expect(await post(url, { text: 'x' })).toMatchObject({ status: 403, text: 'action_prohibited' });
    fake.setWebhookState(url, 'active');
    expect(await post(url, { text: 'x' })).toMatchObject({ status: 200, text: 'ok' });
    expect(fake.requests.map((r) => r.status)).toEqual([404, 404, 404, 410, 403, 200]);
  });
});

describe('fake Slack webhook: rate limit', () => {
  it('allows a small burst per webhook, then 429 with Retry-After, and refills at 1/s', async () => {
    let now = 1_000_000;
    fake = await startFakeSlack({ now: () => now });
    const a = fake.addWebhook();
    const b = fake.addWebhook('/services/TFAKE/BFAKE2/fakefakefake2');
    for (let i = 0; i < 3; i++) expect((await post(a, { text: `m${i}` })).status).toBe(200);
    expect(await post(a, { text: 'm3' })).toEqual({ status: 429, text: 'rate_limited', retryAfter: '1' });
    expect((await post(b, { text: 'other hook' })).status).toBe(200);
    now += 1000;
    expect((await post(a, { text: 'm4' })).status).toBe(200);
    expect((await post(a, { text: 'm5' })).status).toBe(429);
    expect(fake.messagesFor(a).map((m) => m.body.text)).toEqual(['m0', 'm1', 'm2', 'm4']);
  });

  it('takes its rate as an option, or none', async () => {
    let now = 0;
    fake = await startFakeSlack({ now: () => now, rateLimit: { perSecond: 0.5, burst: 1 } });
    const url = fake.addWebhook();
    expect((await post(url, { text: '1' })).status).toBe(200);
    expect((await post(url, { text: '2' })).retryAfter).toBe('2');
    now += 2000;
    expect((await post(url, { text: '3' })).status).toBe(200);
    await fake.stop();
    fake = await startFakeSlack({ rateLimit: false });
    const open = fake.addWebhook();
    for (let i = 0; i < 10; i++) expect((await post(open, { text: `${i}` })).status).toBe(200);
  });
});

describe('fake Slack webhook: outages and faults', () => {
  it('refuses connections while down and comes back on the same URL', async () => {
    fake = await startFakeSlack();
    const url = fake.addWebhook();
    await fake.down();
    await expect(post(url, { text: 'x' })).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    await fake.up();
    expect((await post(url, { text: 'back' })).status).toBe(200);
    expect(fake.messages.map((m) => m.body.text)).toEqual(['back']);
  });

  it('answers 503 while unavailable', async () => {
    fake = await startFakeSlack();
    const url = fake.addWebhook();
    await fake.down('unavailable');
    expect((await post(url, { text: 'x' })).status).toBe(503);
    await fake.up();
    expect((await post(url, { text: 'x' })).status).toBe(200);
  });

  it('applies planned faults before anything else', async () => {
    fake = await startFakeSlack({ faults: new FaultPlan().inject({ kind: 'server_error', status: 502 }).inject({ kind: 'rate_limit', retryAfterSeconds: 7 }) });
    const url = fake.addWebhook();
    expect((await post(url, { text: 'x' })).status).toBe(502);
    expect(await post(url, { text: 'x' })).toMatchObject({ status: 429, retryAfter: '7' });
    expect((await post(url, { text: 'x' })).status).toBe(200);
    expect(fake.messages).toHaveLength(1);
  });
});

describe('blockProblem', () => {
  it.each<[string, unknown[], string | null]>([
    ['fine', [{ type: 'header', text: { type: 'plain_text', text: 'h' } }, { type: 'divider' }], null],
    ['mrkdwn header', [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }], 'blocks[0] (header): text type must be plain_text'],
    ['empty section', [{ type: 'section' }], 'blocks[0] (section): needs text or fields'],
    ['long section', [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }], 'blocks[0] (section): text must be 1..3000 characters'],
    ['empty context', [{ type: 'context', elements: [] }], 'blocks[0] (context): needs 1..10 elements'],
    ['unknown type', [{ type: 'banner' }], 'blocks[0] (banner): unknown block type'],
    ['too many', Array.from({ length: 51 }, () => ({ type: 'divider' })), 'more than 50 blocks'],
  ])('%s', (_name, blocks, problem) => {
    expect(blockProblem(blocks)).toBe(problem);
  });
});
