import { describe, expect, it } from 'vitest';
import { blockProblem } from '@/fakes/slack-webhook-server';
import { buildAlertMessage, buildTestMessage } from '@/lib/alerts/message';
import type { IncidentView } from '@/lib/alerts/message';
import { DIGEST_LINES, slackAcknowledgeMessage, slackDigestMessage, slackMessageFor, slackResolveMessage, slackTestMessage, slackTriggerMessage } from './slack-blocks';
import type { SlackPayload } from './slack-blocks';

const view: IncidentView = {
  id: 'inc-1',
  kind: 'spike',
  severity: 'critical',
  status: 'open',
  summary: 'cost $48.00 at 02:00 local vs expected $1.20 (40.0x, score 31.2)',
  evidence: {
    observedUsd: 48,
    expectedUsd: 1.2,
    multiple: 40,
    score: 31.2,
    localTime: '2026-03-31 02:00',
    models: [{ model: 'gpt-4o', costUsd: 40, requests: 800 }, { model: 'gpt-4o-mini', costUsd: 8, requests: 1200 }],
    regions: [{ region: 'BR', requests: 1900 }],
    budget: { monthToDateUsd: 812, budgetUsd: 1000, percent: 81.2, forecastUsd: 1430.5, projectedCrossingAt: '2026-03-21T00:00:00Z' },
  },
  dedupKey: 'spike:key-1:2026-03-31',
  openedAt: new Date('2026-03-31T00:05:00Z'),
  environment: 'production',
  key: { id: 'key-1', name: 'support-chat' },
  acknowledgedBy: 'ana@example.com',
  resolvedBy: null,
};
const URL_BASE = 'https://burnrate.example.com';
const msg = (action: 'trigger' | 'acknowledge' | 'resolve', over: Partial<IncidentView> = {}) => buildAlertMessage({ ...view, ...over }, action, { publicUrl: URL_BASE });

// All the text a reader sees, flattened.
const seen = (p: SlackPayload) => JSON.stringify(p.blocks);
const fields = (p: SlackPayload) => p.blocks.flatMap((b) => ('fields' in b && b.fields ? b.fields.map((f) => f.text) : []));

describe('slackTriggerMessage', () => {
  const p = slackTriggerMessage(msg('trigger'));

  it('heads with severity and title', () => {
    expect(p.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: ':rotating_light: Spend spike on support-chat (production)', emoji: true } });
  });

  it('shows observed vs expected, the multiple, score, local time and where', () => {
    expect(fields(p)).toEqual(
      expect.arrayContaining(['*Severity*\nCRITICAL', '*Key*\nsupport-chat', '*Environment*\nproduction', '*Observed vs expected*\n$48.00 vs $1.20', '*Multiple*\n40.0× usual', '*Score*\n31.2', '*Local time*\n2026-03-31 02:00']),
    );
    expect(fields(p).find((f) => f.startsWith('*Opened*'))).toContain('<!date^1774915500^');
  });

  it('breaks down models and regions and states the budget', () => {
    expect(seen(p)).toContain('*Models*\\n• gpt-4o — $40.00 · 800 requests\\n• gpt-4o-mini — $8.00 · 1,200 requests');
    expect(seen(p)).toContain('*Regions*\\n• BR — 1,900 requests');
    expect(seen(p)).toContain('*Budget*\\n$812.00 of $1,000.00 this month · 81% used · forecast $1,430.50 by month end · projected to cross on 2026-03-21');
  });

  it('links to the incident and the key', () => {
    expect(seen(p)).toContain('<https://burnrate.example.com/incidents/inc-1|Open incident>');
    expect(seen(p)).toContain('<https://burnrate.example.com/keys/key-1|Key page>');
  });

  it('says the same in one line of fallback text', () => {
    expect(p.text).toBe('CRITICAL Spend spike on support-chat (production): cost $48.00 at 02:00 local vs expected $1.20 (40.0x, score 31.2) https://burnrate.example.com/incidents/inc-1');
    expect(p.text).not.toContain('\n');
  });

  it('leaves out what the evidence does not have', () => {
    const bare = slackTriggerMessage(msg('trigger', { evidence: {}, key: null, kind: 'budget', severity: 'warning' }));
    expect(fields(bare).map((f) => f.split('\n')[0])).toEqual(['*Severity*', '*Environment*', '*Opened*']);
    expect(seen(bare)).not.toMatch(/Models|Regions|Budget\*|Key page/);
  });

  it('says "from zero" when nothing was expected', () => {
    expect(fields(slackTriggerMessage(msg('trigger', { evidence: { observedUsd: 5, expectedUsd: 0, multiple: null } })))).toContain('*Multiple*\nfrom zero');
  });
});

describe('Slack escaping and limits', () => {
  it('escapes names and summaries so they cannot mention @channel or forge links', () => {
    const p = slackTriggerMessage(msg('trigger', { summary: 'hi <!channel> & <http://evil|click>', key: { id: 'k', name: '<@U123>' } }));
    expect(p.text).toContain('hi &lt;!channel&gt; &amp; &lt;http://evil|click&gt;');
    const mrkdwn = JSON.stringify(p.blocks.slice(1)); // the header is plain_text: shown as typed
    expect(mrkdwn).not.toContain('<!channel>');
    expect(mrkdwn).not.toContain('<@U123>');
  });

  it('keeps within Block Kit limits whatever the input', () => {
    const long = 'x'.repeat(5000);
    const m = msg('trigger', { summary: long, key: { id: 'k', name: long }, evidence: { localTime: long, models: [{ model: long, costUsd: 1 }] } });
    for (const p of [slackTriggerMessage(m), slackAcknowledgeMessage(m), slackResolveMessage(m)]) {
      expect(blockProblem(p.blocks)).toBeNull();
      expect((p.blocks[0] as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(3000);
    }
  });
});

describe('follow-ups', () => {
  it('acknowledge is one short message naming who, with the link', () => {
    const p = slackAcknowledgeMessage(msg('acknowledge'));
    expect(p.blocks).toHaveLength(1);
    expect(p.text).toMatch(/^Acknowledged by ana@example.com: Spend spike on support-chat \(production\): cost .* https:\/\/burnrate.example.com\/incidents\/inc-1$/);
    expect(seen(p)).toContain('<https://burnrate.example.com/incidents/inc-1|Open incident>');
  });

  it('resolve says "Resolved: <summary>" and how it was resolved', () => {
    const auto = slackResolveMessage(msg('resolve'));
    expect(auto.text).toMatch(/^Resolved: Spend spike on support-chat \(production\): cost \$48\.00/);
    expect(auto.text).toContain('https://burnrate.example.com/incidents/inc-1');
    expect(seen(auto)).toContain('automatically after a quiet period');
    expect(seen(slackResolveMessage(msg('resolve', { resolvedBy: 'bo@example.com' })))).toContain('*Resolved* by bo@example.com');
  });
});

describe('slackMessageFor', () => {
  it.each(['trigger', 'acknowledge', 'resolve'] as const)('picks the renderer for %s', (action) => {
    const render = { trigger: slackTriggerMessage, acknowledge: slackAcknowledgeMessage, resolve: slackResolveMessage }[action];
    expect(slackMessageFor(msg(action))).toEqual(render(msg(action)));
  });

  it('renders a test alert as a full message that says it is a test', () => {
    const m = buildTestMessage({ routeName: 'team', publicUrl: URL_BASE, nowMs: Date.parse('2026-03-31T10:00:00Z') });
    const p = slackMessageFor(m);
    expect(p).toEqual(slackTestMessage(m));
    expect(p.text).toContain('Test');
    expect(seen(p)).toContain('This is a test from Burnrate');
    expect(blockProblem(p.blocks)).toBeNull();
  });
});

describe('slackDigestMessage', () => {
  it('lists each notice with a link to its incident, in valid blocks', () => {
    const notices = [msg('trigger', { id: 'i-1', summary: 'Half of the <June> budget' }), msg('trigger', { id: 'i-2', summary: 'A new model' })];
    const p = slackDigestMessage(notices);
    expect(p.text).toMatch(/^Burnrate daily digest: 2 quiet notices\./);
    expect(seen(p)).toContain(`${URL_BASE}/incidents/i-1|`);
    expect(seen(p)).toContain('Half of the &lt;June&gt; budget');
    expect(blockProblem(p.blocks)).toBeNull();
  });

  it('stays within Slack limits for a long day, saying how many more', () => {
    const notices = Array.from({ length: 130 }, (_, i) => msg('trigger', { id: `i-${i}`, summary: 'x'.repeat(400) }));
    const p = slackDigestMessage(notices);
    expect(blockProblem(p.blocks)).toBeNull();
    expect(p.blocks.length).toBeLessThanOrEqual(50);
    expect(seen(p)).toContain(`and ${130 - DIGEST_LINES} more`);
    expect(seen(p)).not.toContain(`/incidents/i-${DIGEST_LINES}|`);
  });
});
