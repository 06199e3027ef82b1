import type { AlertChannel, ProviderId } from '@/generated/prisma/enums';

// What a secret is for: a provider's admin key or an alert channel's target (Slack webhook
// URL, PagerDuty routing key). Decides only how its hint looks.
export type SecretKind = ProviderId | AlertChannel;
export const SECRET_KINDS = ['openai', 'anthropic', 'slack', 'pagerduty'] as const satisfies readonly SecretKind[];

// Shorter values would give away too much of themselves in four characters.
const MIN_LENGTH = 12;
const SHOWN = 4;

// The hint stored beside a secret and shown in lists, in the provider's own style:
// `sk-admin-...abcd`, `sk-ant-...abcd`, `https://hooks.slack.com/services/…abcd`, `…abcd`.
// Never more than the last four characters; nothing of values under twelve characters.
export function redactSecret(value: string, kind: SecretKind): string {
  if (value.length < MIN_LENGTH) return '';
  const tail = value.slice(-SHOWN);
  switch (kind) {
    case 'openai':
      return `${value.startsWith('sk-admin-') ? 'sk-admin-' : value.startsWith('sk-') ? 'sk-' : ''}...${tail}`;
    case 'anthropic':
      return `${value.startsWith('sk-ant-') ? 'sk-ant-' : ''}...${tail}`;
    case 'slack':
      return `${webhookBase(value)}…${tail}`;
    case 'pagerduty':
      return `…${tail}`;
  }
}

// Scheme and host (not secret; they say where alerts go), then `/services/` for Slack's own
// webhooks. Anything that is not an http(s) URL shows no prefix.
function webhookBase(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return '';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return '';
  return `${url.protocol}//${url.host}${url.pathname.startsWith('/services/') ? '/services/' : '/'}`;
}
