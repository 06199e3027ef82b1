import type { IncomingWebhookSendArguments } from '@slack/webhook';
import type { Severity } from '@/generated/prisma/enums';
import type { AlertEvidence, AlertMessage } from '@/lib/alerts/message';

// Slack rendering of an AlertMessage, one function per message type. `text` is the one-line
// notification and screen-reader fallback; `blocks` are what people see. Block Kit limits
// (header 150, section 3000, 10 fields of 2000, 50 blocks) are enforced by clipping here
// because Slack rejects the whole message otherwise. Links are mrkdwn links, not buttons: a
// URL button from an app without interactivity shows a warning icon after every click.

export type SlackPayload = Required<Pick<IncomingWebhookSendArguments, 'text' | 'blocks'>> & Pick<IncomingWebhookSendArguments, 'unfurl_links' | 'unfurl_media'>;
type Block = SlackPayload['blocks'][number];

const SEVERITY_EMOJI: Record<Severity, string> = { critical: ':rotating_light:', error: ':red_circle:', warning: ':warning:', info: ':information_source:' };
const SEVERITY_WORD: Record<Severity, string> = { critical: 'CRITICAL', error: 'ERROR', warning: 'WARNING', info: 'INFO' };

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
// mrkdwn control characters; key names and summaries come from users and providers.
export const escapeMrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const link = (url: string, label: string) => `<${url.replace(/\|/g, '%7C').replace(/>/g, '%3E')}|${escapeMrkdwn(label)}>`;
const usd = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const count = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text: clip(text, 150), emoji: true } });
const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } });
const context = (text: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, 3000) }] });

function linksLine(m: AlertMessage): string {
  const parts = [link(m.links.incident, m.action === 'test' ? 'Open Burnrate' : 'Open incident')];
  if (m.links.key) parts.push(link(m.links.key, 'Key page'));
  return parts.join('  ·  ');
}

// Slack shows `<!date^…>` in each reader's own time zone; the fallback is UTC.
function openedAt(iso: string): string {
  const epoch = Math.floor(Date.parse(iso) / 1000);
  return `<!date^${epoch}^{date_short_pretty} {time}|${iso.slice(0, 16).replace('T', ' ')} UTC>`;
}

function evidenceFields(m: AlertMessage): string[] {
  const e = m.evidence;
  const fields = [`*Severity*\n${SEVERITY_WORD[m.severity]}`];
  if (m.keyName) fields.push(`*Key*\n${escapeMrkdwn(m.keyName)}`);
  if (m.environment) fields.push(`*Environment*\n${escapeMrkdwn(m.environment)}`);
  if (e.observedUsd !== undefined) fields.push(`*Observed vs expected*\n${usd(e.observedUsd)} vs ${e.expectedUsd === undefined ? 'n/a' : usd(e.expectedUsd)}`);
  if (e.multiple !== undefined) fields.push(`*Multiple*\n${e.multiple.toFixed(1)}× usual`);
  else if (e.observedUsd !== undefined && e.expectedUsd === 0) fields.push('*Multiple*\nfrom zero');
  if (e.score !== undefined) fields.push(`*Score*\n${e.score.toFixed(1)}`);
  if (e.localTime) fields.push(`*Local time*\n${escapeMrkdwn(e.localTime)}`);
  fields.push(`*Opened*\n${openedAt(m.openedAt)}`);
  return fields.slice(0, 10).map((f) => clip(f, 2000));
}

function breakdown(title: string, rows: { name: string; costUsd?: number; requests?: number }[] | undefined): Block | null {
  if (!rows?.length) return null;
  const lines = rows.map((r) => {
    const figures = [r.costUsd === undefined ? null : usd(r.costUsd), r.requests === undefined ? null : `${count(r.requests)} requests`].filter(Boolean);
    return `• ${escapeMrkdwn(r.name)}${figures.length ? ` — ${figures.join(' · ')}` : ''}`;
  });
  return section(`*${title}*\n${lines.join('\n')}`);
}

export function budgetLine(b: NonNullable<AlertEvidence['budget']>): string | null {
  const parts: string[] = [];
  if (b.monthToDateUsd !== undefined && b.budgetUsd !== undefined) parts.push(`${usd(b.monthToDateUsd)} of ${usd(b.budgetUsd)} this month`);
  else if (b.monthToDateUsd !== undefined) parts.push(`${usd(b.monthToDateUsd)} this month`);
  if (b.percent !== undefined) parts.push(`${Math.round(b.percent)}% used`);
  if (b.forecastUsd !== undefined) parts.push(`forecast ${usd(b.forecastUsd)} by month end`);
  if (b.projectedCrossingAt) parts.push(`projected to cross on ${escapeMrkdwn(b.projectedCrossingAt.slice(0, 10))}`);
  return parts.length ? parts.join(' · ') : null;
}

function detailBlocks(m: AlertMessage): Block[] {
  const e = m.evidence;
  const budget = e.budget ? budgetLine(e.budget) : null;
  const blocks: (Block | null)[] = [
    section(escapeMrkdwn(m.summary)),
    { type: 'section', fields: evidenceFields(m).map((text) => ({ type: 'mrkdwn' as const, text })) },
    breakdown('Models', e.models?.map((r) => ({ name: r.model, costUsd: r.costUsd, requests: r.requests }))),
    breakdown('Regions', e.regions?.map((r) => ({ name: r.region, costUsd: r.costUsd, requests: r.requests }))),
    budget ? section(`*Budget*\n${budget}`) : null,
    section(linksLine(m)),
  ];
  return blocks.filter((b): b is Block => b !== null);
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const NO_UNFURL = { unfurl_links: false, unfurl_media: false };

export function slackTriggerMessage(m: AlertMessage): SlackPayload {
  const title = `${SEVERITY_EMOJI[m.severity]} ${m.title}`;
  return {
    text: clip(oneLine(`${SEVERITY_WORD[m.severity]} ${escapeMrkdwn(m.title)}: ${escapeMrkdwn(m.summary)} ${m.links.incident}`), 3000),
    blocks: [header(title), ...detailBlocks(m), context(`Burnrate · ${escapeMrkdwn(m.kind)} · dedup key \`${escapeMrkdwn(m.dedupKey)}\``)],
    ...NO_UNFURL,
  };
}

// Incoming webhooks cannot reply in a thread, so follow-ups are short messages that name
// the incident and link back to it.
export function slackAcknowledgeMessage(m: AlertMessage): SlackPayload {
  const who = m.actor ? ` by ${escapeMrkdwn(m.actor)}` : '';
  return {
    text: clip(oneLine(`Acknowledged${who}: ${escapeMrkdwn(m.title)}: ${escapeMrkdwn(m.summary)} ${m.links.incident}`), 3000),
    blocks: [section(`:eyes: *Acknowledged*${who}: ${escapeMrkdwn(m.title)}\n${escapeMrkdwn(m.summary)}\n${linksLine(m)}`)],
    ...NO_UNFURL,
  };
}

export function slackResolveMessage(m: AlertMessage): SlackPayload {
  const who = m.actor ? ` by ${escapeMrkdwn(m.actor)}` : ' automatically after a quiet period';
  return {
    text: clip(oneLine(`Resolved: ${escapeMrkdwn(m.title)}: ${escapeMrkdwn(m.summary)} ${m.links.incident}`), 3000),
    blocks: [section(`:white_check_mark: *Resolved*${who}: ${escapeMrkdwn(m.title)}\n${escapeMrkdwn(m.summary)}\n${linksLine(m)}`)],
    ...NO_UNFURL,
  };
}

export function slackTestMessage(m: AlertMessage): SlackPayload {
  return {
    text: clip(oneLine(escapeMrkdwn(m.summary)), 3000), // the summary already says it is a test
    blocks: [header(`:test_tube: ${m.title}`), ...detailBlocks(m), context('This is a test from Burnrate. The figures above are made up; nothing needs doing.')],
    ...NO_UNFURL,
  };
}

export function slackMessageFor(m: AlertMessage): SlackPayload {
  switch (m.action) {
    case 'trigger':
      return slackTriggerMessage(m);
    case 'acknowledge':
      return slackAcknowledgeMessage(m);
    case 'resolve':
      return slackResolveMessage(m);
    case 'test':
      return slackTestMessage(m);
  }
}

/** Lines in a digest before "and N more": Slack allows 50 blocks, and nobody reads 200 lines. */
export const DIGEST_LINES = 40;

// A digest route's notices of the day as one message: one line each, linking to the incident.
export function slackDigestMessage(messages: readonly AlertMessage[]): SlackPayload {
  const n = messages.length;
  const noun = `${count(n)} quiet notice${n === 1 ? '' : 's'}`;
  const shown = messages.slice(0, DIGEST_LINES);
  const line = (m: AlertMessage) => `• ${link(m.links.incident, m.title)}: ${escapeMrkdwn(m.summary)}`;
  const blocks: Block[] = [header(`:information_source: Burnrate daily digest: ${noun}`)];
  // Sections of up to ten lines each, so one long summary cannot push the rest over 3000 characters.
  for (let i = 0; i < shown.length; i += 10) blocks.push(section(shown.slice(i, i + 10).map(line).join('\n')));
  const first = messages[0];
  const more = n - shown.length;
  const allLink = first ? link(new URL('/incidents?status=all&severity=info', first.links.incident).href, 'All info-level incidents') : null;
  blocks.push(context([more > 0 ? `and ${count(more)} more.` : null, allLink, 'Info-level only: anything louder was sent at once.'].filter(Boolean).join('  ·  ')));
  return {
    text: clip(oneLine(`Burnrate daily digest: ${noun}. ${shown.slice(0, 3).map((m) => escapeMrkdwn(m.title)).join('; ')}${n > 3 ? '; …' : ''}`), 3000),
    blocks,
    ...NO_UNFURL,
  };
}
