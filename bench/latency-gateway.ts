import type { DemoKey } from '@/lib/demo/demo-keys';
import { demoCostUsd } from '@/lib/demo/demo-prices';
import { DEMO_SEED } from '@/lib/demo/demo-keys';
import { demoUsageByMinute, type DemoUsageRow } from '@/lib/demo/traffic-model';
import type { UsageBucketInput } from '@/lib/usage/upsert-usage-buckets';
import { BURST_MODEL, BURST_REGION, MINUTE } from './latency-traffic';

// The ingest path's sender: a gateway that reports each request as it happens, flushing
// what happened every `flushMs` to POST /api/ingest/events. Its usual traffic is the demo
// traffic model of each key, request by request; a burst adds requests at a fixed rate.
// The same model, summed per minute, is the ingest history loaded before the runs.

const HOUR = 60 * MINUTE;
// Tokens of one burst request (a chat turn with a long prompt).
const BURST_TOKENS = { inputTokens: 1_500, cachedInputTokens: 0, outputTokens: 300 };

type GatewayEvent = {
  id: string;
  timestamp: number;
  key: string;
  provider: 'openai';
  model: string;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  costUsd: number;
  country: string;
};
type Burst = { key: DemoKey; startMs: number; perMinute: number; sent: number; stopped: boolean };
export type GatewayPost = { sentAt: number; answeredAt: number; events: number; burstEvents: number; status: number };

function minuteRows(key: DemoKey, minuteMs: number, cache: Map<string, DemoUsageRow[][]>): DemoUsageRow[] {
  const hour = Math.floor(minuteMs / HOUR) * HOUR;
  const id = `${key.providerKeyId}:${hour}`;
  let minutes = cache.get(id);
  if (!minutes) {
    minutes = demoUsageByMinute(key, hour, DEMO_SEED);
    if (cache.size > 200) cache.delete(cache.keys().next().value!);
    cache.set(id, minutes);
  }
  return minutes[(minuteMs - hour) / MINUTE] ?? [];
}

/** Minute buckets (source 'ingest') of the keys' usual traffic over [fromMs, toMs). */
export function ingestHistory(keys: readonly DemoKey[], keyIds: ReadonlyMap<string, string>, fromMs: number, toMs: number): UsageBucketInput[] {
  const cache = new Map<string, DemoUsageRow[][]>();
  const rows: UsageBucketInput[] = [];
  for (const key of keys) {
    for (let m = fromMs; m < toMs; m += MINUTE) {
      for (const r of minuteRows(key, m, cache)) {
        rows.push({
          keyId: keyIds.get(key.providerKeyId)!,
          bucketStart: new Date(m),
          widthSeconds: 60,
          model: r.model,
          region: r.region,
          source: 'ingest',
          requests: r.requests,
          inputTokens: r.inputTokens,
          cachedInputTokens: r.cachedInputTokens,
          cacheWriteTokens: 0,
          outputTokens: r.outputTokens,
          costUsd: r.costUsd,
          costSource: 'reported',
        });
      }
    }
  }
  return rows;
}

export function startGateway(options: { url: string; token: string; keys: readonly DemoKey[]; fromMs: number; flushMs: number; log: (line: string) => void }) {
  const cache = new Map<string, DemoUsageRow[][]>();
  const bursts: Burst[] = [];
  const posts: GatewayPost[] = [];
  let sentThrough = options.fromMs; // events with timestamp < sentThrough are sent
  let stopped = false;
  let failures = 0;

  const usual = (from: number, to: number): GatewayEvent[] => {
    const out: GatewayEvent[] = [];
    for (const key of options.keys) {
      for (let m = Math.floor(from / MINUTE) * MINUTE; m < to; m += MINUTE) {
        for (const r of minuteRows(key, m, cache)) {
          // A minute's requests of one model and country, spread evenly over the minute.
          for (let k = 0; k < r.requests; k++) {
            const t = m + Math.floor(((k + 0.5) * MINUTE) / r.requests);
            if (t < from || t >= to) continue;
            const share = (n: number) => Math.floor(n / r.requests) + (k < n % r.requests ? 1 : 0);
            out.push({
              id: `${key.providerKeyId}:${m}:${r.model}:${r.region}:${k}`,
              timestamp: t,
              key: key.providerKeyId,
              provider: 'openai',
              model: r.model,
              inputTokens: share(r.inputTokens),
              cachedInputTokens: share(r.cachedInputTokens),
              outputTokens: share(r.outputTokens),
              costUsd: Math.round((r.costUsd / r.requests) * 1e8) / 1e8,
              country: r.region,
            });
          }
        }
      }
    }
    return out;
  };

  const burstEvents = (to: number): GatewayEvent[] => {
    const out: GatewayEvent[] = [];
    for (const b of bursts) {
      if (b.stopped) continue;
      const spacing = MINUTE / b.perMinute;
      for (; b.startMs + b.sent * spacing < to; b.sent++) {
        out.push({
          id: `${b.key.providerKeyId}:burst:${b.startMs}:${b.sent}`,
          timestamp: Math.floor(b.startMs + b.sent * spacing),
          key: b.key.providerKeyId,
          provider: 'openai',
          model: BURST_MODEL,
          ...BURST_TOKENS,
          costUsd: demoCostUsd(BURST_MODEL, BURST_TOKENS),
          country: BURST_REGION,
        });
      }
    }
    return out;
  };

  const flush = async () => {
    const to = Date.now();
    const background = usual(sentThrough, to);
    const burst = burstEvents(to);
    sentThrough = to;
    const events = [...background, ...burst];
    if (events.length === 0) return;
    const sentAt = Date.now();
    const res = await fetch(`${options.url}/api/ingest/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    await res.arrayBuffer();
    posts.push({ sentAt, answeredAt: Date.now(), events: events.length, burstEvents: burst.length, status: res.status });
    if (res.status !== 202) throw new Error(`POST /api/ingest/events answered ${res.status}`);
  };

  const loop = (async () => {
    while (!stopped) {
      const next = Math.ceil((Date.now() + 1) / options.flushMs) * options.flushMs;
      await new Promise((r) => setTimeout(r, next - Date.now()));
      if (stopped) break;
      await flush().catch((error: unknown) => {
        if (++failures <= 3) options.log(`  gateway: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  })();

  return {
    posts,
    /** Adds a burst from `startMs` on; requests are sent at the next flushes as they happen. */
    burst(key: DemoKey, startMs: number, perMinute: number) {
      const b: Burst = { key, startMs, perMinute, sent: 0, stopped: false };
      bursts.push(b);
      return { stop: () => void (b.stopped = true), sent: () => b.sent };
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

export type Gateway = ReturnType<typeof startGateway>;
