import type { DemoKey } from './demo-keys';
import type { DemoModel } from './demo-prices';

// Incidents planted in the demo, so a first look at Burnrate shows what it is for: usage
// that does not fit a key's past, found in the history it collects at start, and one leak
// that begins a few minutes after the first start and is paged as it happens. Times are
// relative to the demo's anchor (its first start), so a restart finds the same history.

export type DemoEpisode = {
  /** What a human would call it (tests and the README use it). */
  story: string;
  startMs: number;
  endMs: number;
  /** Extra requests per minute on top of the key's usual traffic. */
  requestsPerMinute: number;
  model: DemoModel;
  region: string;
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const DAY = 24 * HOUR;

// `at`: for history, days before the anchor's UTC day and the UTC time that day; for the
// live one, minutes after the anchor. History sits inside the 8 days of minute data.
type Plan = { key: string; story: string; at: { daysBefore: number; utcHour: number } | { minutesAfter: number }; durationMs: number; requestsPerMinute: number; model: DemoModel; region: string };

const PLAN: readonly Plan[] = [
  // A staging key copied to a laptop and looped at night (Dublin): some 80 times its daytime
  // rate, of a dearer model, at an idle hour: volume, so a spike.
  { key: 'key_demo_staging_support_chat', story: 'staging key used at night', at: { daysBefore: 2, utcHour: 1 }, durationMs: 100 * MINUTE, requestsPerMinute: 40, model: 'gpt-4.1-2025-04-14', region: 'VN' },
  // The CRM integration's retry storm: many times its usual rate for an hour and a half.
  { key: 'key_demo_legacy_crm', story: 'retry storm', at: { daysBefore: 4, utcHour: 14 }, durationMs: 90 * MINUTE, requestsPerMinute: 150, model: 'gpt-4.1-2025-04-14', region: 'US' },
  // Live: the support chat key leaks a few minutes after the first start.
  { key: 'key_demo_support_chat', story: 'leaked support key', at: { minutesAfter: 5 }, durationMs: 25 * MINUTE, requestsPerMinute: 400, model: 'gpt-4.1-2025-04-14', region: 'BR' },
];

export function demoEpisodes(anchorMs: number): Map<string, DemoEpisode[]> {
  const byKey = new Map<string, DemoEpisode[]>();
  for (const p of PLAN) {
    const startMs =
      'minutesAfter' in p.at ? Math.floor(anchorMs / MINUTE) * MINUTE + p.at.minutesAfter * MINUTE : Math.floor(anchorMs / DAY) * DAY - p.at.daysBefore * DAY + p.at.utcHour * HOUR;
    const episode: DemoEpisode = { story: p.story, startMs, endMs: startMs + p.durationMs, requestsPerMinute: p.requestsPerMinute, model: p.model, region: p.region };
    byKey.set(p.key, [...(byKey.get(p.key) ?? []), episode]);
  }
  return byKey;
}

export function withDemoEpisodes(keys: readonly DemoKey[], anchorMs: number): DemoKey[] {
  const episodes = demoEpisodes(anchorMs);
  return keys.map((k) => ({ ...k, episodes: episodes.get(k.providerKeyId) ?? [] }));
}
