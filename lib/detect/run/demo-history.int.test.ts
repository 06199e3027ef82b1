import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEpisodes, withDemoEpisodes } from '@/lib/demo/demo-episodes';
import { DEMO_KEYS, DEMO_SEED } from '@/lib/demo/demo-keys';
import { demoUsageByMinute, demoUsageForHour, type DemoUsageRow } from '@/lib/demo/traffic-model';
import { upsertUsageBuckets, type UsageBucketInput } from '@/lib/usage/upsert-usage-buckets';
import { freshDatabase } from '@/test/database';
import { createDetectionEngine } from './detection-engine';

// What a first start shows: the demo's usage as Burnrate stores it after collecting it (hours
// older than eight days, minutes since), then the engine's first run, which records the last
// eight days. Its incidents must be the ones planted in the history, and nothing else: seven
// keys of office, round-the-clock, nightly and quiet staging traffic in three time zones,
// whose ordinary rhythm (a batch ending, a workday ending, a Monday morning, a staging key's
// few requests) must not page. Two first starts, on a Sunday night and a Wednesday afternoon.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const HISTORY_DAYS = 30;
const MINUTE_DAYS = 8;

type Run = { anchor: number; incidents: { key: string; kind: string; openedAt: number; summary: string }[] };

async function firstStart(anchorIso: string): Promise<Run> {
  const anchor = Date.parse(anchorIso);
  const ctx = await freshDatabase();
  try {
    const db = ctx.prisma;
    const keys = withDemoEpisodes(DEMO_KEYS, anchor);
    await db.environment.createMany({ data: [{ name: 'production' }, { name: 'staging' }] });
    const ids = new Map<string, string>();
    for (const k of keys) {
      const row = await db.apiKey.create({ data: { provider: k.provider, providerKeyId: k.providerKeyId, name: k.name, environment: k.environment, providerCreatedAt: new Date(k.providerCreatedAt) } });
      ids.set(k.providerKeyId, row.id);
    }
    // Minute buckets are kept for the last eight days (whole hours), hours before.
    const minutesFrom = Math.floor((anchor - MINUTE_DAYS * DAY) / HOUR) * HOUR;
    const lastHour = Math.floor(anchor / HOUR) * HOUR;
    // One row per key, bucket and model: the providers' usage APIs say nothing of the caller.
    const merged = new Map<string, UsageBucketInput>();
    const bucket = (keyId: string, start: number, widthSeconds: 60 | 3600, r: DemoUsageRow) => {
      const id = `${keyId} ${start} ${widthSeconds} ${r.model}`;
      const row = merged.get(id);
      if (row) {
        row.requests += r.requests;
        row.inputTokens += r.inputTokens;
        row.cachedInputTokens += r.cachedInputTokens;
        row.outputTokens += r.outputTokens;
        row.costUsd += r.costUsd;
      } else {
        const { model, requests, inputTokens, cachedInputTokens, outputTokens, costUsd } = r;
        merged.set(id, { keyId, bucketStart: new Date(start), widthSeconds, model, region: '', source: 'provider', requests, inputTokens, cachedInputTokens, cacheWriteTokens: 0, outputTokens, costUsd, costSource: 'priced' });
      }
    };
    for (const k of keys) {
      const keyId = ids.get(k.providerKeyId)!;
      for (let h = minutesFrom - HISTORY_DAYS * DAY; h < minutesFrom; h += HOUR) for (const r of demoUsageForHour(k, h, DEMO_SEED)) bucket(keyId, h, 3600, r);
      for (let h = minutesFrom; h < lastHour; h += HOUR) {
        demoUsageByMinute(k, h, DEMO_SEED).forEach((minute, m) => {
          for (const r of minute) bucket(keyId, h + m * MINUTE, 60, r);
        });
      }
    }
    await upsertUsageBuckets(db, [...merged.values()]);
    await createDetectionEngine({ timezone: 'UTC' }).run(db, lastHour + 30_000);
    const names = new Map([...ids].map(([providerKeyId, id]) => [id, providerKeyId]));
    const incidents = await db.incident.findMany({ orderBy: { openedAt: 'asc' }, select: { keyId: true, kind: true, openedAt: true, summary: true } });
    return { anchor, incidents: incidents.map((i) => ({ key: names.get(i.keyId!)!, kind: i.kind, openedAt: i.openedAt.getTime(), summary: i.summary })) };
  } finally {
    await ctx.cleanup();
  }
}

// What each planted story is, to on-call: both are volume, an order of magnitude beyond the
// key's working rate (the night one at an idle hour too).
const KIND_OF_STORY: Record<string, string> = { 'staging key used at night': 'spike', 'retry storm': 'spike' };

const starts = ['2026-12-06T01:18:00Z', '2026-11-25T15:40:00Z'];
const runs = new Map<string, Run>();

beforeAll(async () => {
  for (const at of starts) runs.set(at, await firstStart(at));
}, 240_000);

describe.each(starts)('the demo first started at %s', (at) => {
  it('opens an incident for each incident planted in its history, on the episode, within a minute', () => {
    const run = runs.get(at)!;
    const planted = [...demoEpisodes(run.anchor)].flatMap(([key, episodes]) => episodes.filter((e) => e.endMs <= run.anchor).map((e) => ({ key, ...e })));
    expect(planted.length).toBe(2);
    for (const e of planted) {
      const found = run.incidents.find((i) => i.key === e.key && i.openedAt >= e.startMs && i.openedAt < e.endMs);
      expect(found, `${e.story} on ${e.key}`).toBeDefined();
      expect(found!.openedAt - e.startMs).toBeLessThanOrEqual(MINUTE);
      expect(found!.kind, `${e.story}: ${found!.summary}`).toBe(KIND_OF_STORY[e.story]);
    }
  });

  it('opens nothing else: the keys’ ordinary days do not page', () => {
    const run = runs.get(at)!;
    const episodes = demoEpisodes(run.anchor);
    const others = run.incidents.filter((i) => !(episodes.get(i.key) ?? []).some((e) => i.openedAt >= e.startMs && i.openedAt < e.endMs));
    expect(others.map((i) => `${new Date(i.openedAt).toISOString()} ${i.key} ${i.kind}: ${i.summary}`)).toEqual([]);
  });
});

afterAll(() => runs.clear());
