import type { DemoKey } from '@/lib/demo/demo-keys';
import { demoUsageByMinute, demoUsageForHour, type DemoUsageRow } from '@/lib/demo/traffic-model';

// The usage a fake provider serves: the demo traffic model, minute by minute, summed over
// caller regions (admin usage APIs do not report them), never past the fake's clock.
// Also the ground truth the correctness tests compare stored totals against.

const MINUTE = 60_000;
const HOUR = 3_600_000;

export type FakeUsageRow = {
  providerKeyId: string;
  projectId: string;
  model: string;
  bucketStartMs: number; // the start of the bucket it belongs to (the first may be unaligned)
  requests: number;
  inputTokens: number; // uncached
  cachedInputTokens: number;
  outputTokens: number;
  costUsd: number;
};

export type FakeTrafficOptions = {
  keys: readonly DemoKey[];
  seed: number;
  now: () => number;
  // Minutes younger than this are reported at `provisionalShare` of their final value,
  // as providers do while recent buckets are still filling; later reads see the rest.
  revisionWindowMs?: number;
  provisionalShare?: number;
};

type Stop = { fromMs: number; toMs: number };

export class FakeTraffic {
  private readonly minuteCache = new Map<string, DemoUsageRow[][]>();
  /** Per provider key id, the times the provider refused it (deleted, set inactive). */
  private readonly stops = new Map<string, Stop[]>();

  constructor(readonly options: FakeTrafficOptions) {}

  get keys(): readonly DemoKey[] {
    return this.options.keys;
  }

  // The provider stops serving a key (deleted, set inactive) at `atMs`: nobody can use it
  // from the minute that holds that moment, so no usage is reported for it from then on.
  stop(providerKeyId: string, atMs: number): void {
    const list = this.stops.get(providerKeyId) ?? [];
    if (list.at(-1)?.toMs !== Infinity) list.push({ fromMs: Math.floor(atMs / MINUTE) * MINUTE, toMs: Infinity });
    this.stops.set(providerKeyId, list);
  }

  // ...and serves it again (set active) from the next minute.
  resume(providerKeyId: string, atMs: number): void {
    const open = this.stops.get(providerKeyId)?.at(-1);
    if (open?.toMs === Infinity) open.toMs = Math.floor(atMs / MINUTE) * MINUTE + MINUTE;
  }

  // Rows per key and model for each bucket of `widthMs` in [startMs, endMs); the first bucket
  // starts at startMs even when unaligned and ends at the next aligned boundary.
  buckets(startMs: number, endMs: number, widthMs: number, keyIds?: ReadonlySet<string>): { startMs: number; endMs: number; rows: FakeUsageRow[] }[] {
    const out: { startMs: number; endMs: number; rows: FakeUsageRow[] }[] = [];
    for (let b = startMs; b < endMs; ) {
      const next = Math.min(Math.floor(b / widthMs) * widthMs + widthMs, endMs);
      out.push({ startMs: b, endMs: next, rows: this.totals(b, next, keyIds).map((r) => ({ ...r, bucketStartMs: b })) });
      b = next;
    }
    return out;
  }

  // Final (settled) totals per key and model over [startMs, endMs), as the tests expect them.
  truth(startMs: number, endMs: number): FakeUsageRow[] {
    return this.totals(startMs, endMs, undefined, true);
  }

  private totals(startMs: number, endMs: number, keyIds: ReadonlySet<string> | undefined, settled = false): FakeUsageRow[] {
    const now = this.options.now();
    const until = Math.min(endMs, Math.floor(now / MINUTE) * MINUTE); // complete minutes only
    const acc = new Map<string, FakeUsageRow>();
    const add = (key: DemoKey, r: DemoUsageRow, share: number) => {
      const id = `${key.providerKeyId}\0${r.model}`;
      let row = acc.get(id);
      if (!row) {
        row = { providerKeyId: key.providerKeyId, projectId: key.projectId, model: r.model, bucketStartMs: startMs, requests: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, costUsd: 0 };
        acc.set(id, row);
      }
      row.requests += Math.floor(r.requests * share);
      row.inputTokens += Math.floor(r.inputTokens * share);
      row.cachedInputTokens += Math.floor(r.cachedInputTokens * share);
      row.outputTokens += Math.floor(r.outputTokens * share);
      row.costUsd += r.costUsd * share;
    };
    const firstMinute = Math.ceil(startMs / MINUTE) * MINUTE; // a minute belongs to the bucket holding its start
    const revision = settled ? 0 : (this.options.revisionWindowMs ?? 0);
    const share = this.options.provisionalShare ?? 0.6;
    for (const key of this.options.keys) {
      if (keyIds && !keyIds.has(key.providerKeyId)) continue;
      const stops = this.stops.get(key.providerKeyId) ?? [];
      const served = (t: number, end: number) => stops.every((x) => end <= x.fromMs || t >= x.toMs);
      for (let h = Math.floor(firstMinute / HOUR) * HOUR; h < until; h += HOUR) {
        const whole = h >= firstMinute && h + HOUR <= until && h + HOUR <= now - revision && served(h, h + HOUR);
        if (whole) {
          for (const r of demoUsageForHour(key, h, this.options.seed)) add(key, r, 1);
          continue;
        }
        const minutes = this.minutesOf(key, h);
        for (let m = 0; m < 60; m++) {
          const t = h + m * MINUTE;
          if (t < firstMinute || t >= until || !served(t, t + MINUTE)) continue;
          const s = revision > 0 && t >= now - revision - MINUTE ? share : 1;
          for (const r of minutes[m]!) add(key, r, s);
        }
      }
    }
    return [...acc.values()].filter((r) => r.requests > 0).map((r) => ({ ...r, costUsd: Math.round(r.costUsd * 1e8) / 1e8 }));
  }

  private minutesOf(key: DemoKey, hourStartMs: number): DemoUsageRow[][] {
    const id = `${key.providerKeyId}:${hourStartMs}`;
    let minutes = this.minuteCache.get(id);
    if (!minutes) {
      minutes = demoUsageByMinute(key, hourStartMs, this.options.seed);
      if (this.minuteCache.size > 2_000) this.minuteCache.delete(this.minuteCache.keys().next().value!);
      this.minuteCache.set(id, minutes);
    }
    return minutes;
  }
}
