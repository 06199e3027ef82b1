import { describe, expect, it } from 'vitest';
import { demoEpisodes, withDemoEpisodes } from './demo-episodes';
import { DEMO_KEYS, DEMO_SEED } from './demo-keys';
import { demoUsageByMinute, demoUsageForHour } from './traffic-model';

const ANCHOR = Date.parse('2026-11-23T09:17:42Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('demo episodes', () => {
  const keys = withDemoEpisodes(DEMO_KEYS, ANCHOR);
  const live = keys.find((k) => k.providerKeyId === 'key_demo_support_chat')!;
  const episode = live.episodes![0]!;

  it('plants history inside the eight days of minute data, and one leak just after the first start', () => {
    const all = [...demoEpisodes(ANCHOR).values()].flat();
    expect(all.length).toBe(3);
    for (const e of all) expect(e.startMs).toBeGreaterThan(ANCHOR - 8 * 24 * HOUR);
    expect(episode.startMs).toBe(Date.parse('2026-11-23T09:22:00Z'));
    expect(all.filter((e) => e.startMs < ANCHOR).every((e) => e.startMs % HOUR === 0)).toBe(true);
  });

  it('adds usage only inside the window, in the episode model and region, and minutes still add up to the hour', () => {
    const hour = Math.floor(episode.startMs / HOUR) * HOUR;
    const minutes = demoUsageByMinute(live, hour, DEMO_SEED);
    const plain = demoUsageByMinute(DEMO_KEYS.find((k) => k.providerKeyId === live.providerKeyId)!, hour, DEMO_SEED);
    for (let m = 0; m < 60; m++) {
      const t = hour + m * MINUTE;
      const extra = minutes[m]!.filter((r) => r.region === episode.region);
      if (t >= episode.startMs && t < episode.endMs) {
        expect(extra.length, `minute ${m}`).toBe(1);
        expect(extra[0]!.model).toBe(episode.model);
        expect(extra[0]!.requests).toBeGreaterThan(episode.requestsPerMinute / 2);
      } else expect(minutes[m]).toEqual(plain[m]);
    }
    const full = demoUsageForHour(live, hour, DEMO_SEED);
    for (const field of ['requests', 'inputTokens', 'outputTokens'] as const) {
      expect(minutes.flat().reduce((s, r) => s + r[field], 0)).toBe(full.reduce((s, r) => s + r[field], 0));
    }
    expect(full.reduce((s, r) => s + r.costUsd, 0)).toBeCloseTo(minutes.flat().reduce((s, r) => s + r.costUsd, 0), 6);
  });
});
