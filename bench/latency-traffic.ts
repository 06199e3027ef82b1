import { FakeTraffic, type FakeTrafficOptions, type FakeUsageRow } from '@/fakes/fake-traffic';
import type { DemoEpisode } from '@/lib/demo/demo-episodes';
import { DEMO_KEYS, DEMO_SEED, type DemoKey } from '@/lib/demo/demo-keys';

// The keys of the latency benchmark: copies of the demo's "Support chat" key (OpenAI, around
// the clock, ~700 requests an hour), each under a name of its own, so every burst lands on a
// key with no incident open. Pulled keys are served by the fake OpenAI; ingested keys are
// known to Burnrate only through events, so the detector judges them on ingested usage.

const TEMPLATE = DEMO_KEYS.find((k) => k.providerKeyId === 'key_demo_support_chat')!;
/** The burst's model: one the key already uses, so the finding is a spike, not a new model. */
export const BURST_MODEL = 'gpt-4.1-2025-04-14';
/** The burst's caller country for ingested events: one the key already has, for the same reason. */
export const BURST_REGION = 'US';
export const MINUTE = 60_000;

export type PathName = 'pulled' | 'ingested';

export function benchKeys(path: PathName, count: number): DemoKey[] {
  return Array.from({ length: count }, (_, i) => ({
    ...TEMPLATE,
    providerKeyId: `key_bench_${path}_${i + 1}`,
    name: `Latency ${path} ${i + 1}`,
    redactedHint: `sk-...lat${i + 1}`,
    projectId: 'proj_bench_latency',
    projectName: 'Latency bench',
    owner: 'oncall@example.com',
    episodes: [],
  }));
}

/** The key's usual requests per minute, averaged over the day, from its profile. */
export const usualPerMinute = (key: DemoKey) => key.traffic.baseRequestsPerHour / 60;

export const trafficOptions = (keys: readonly DemoKey[]): FakeTrafficOptions => ({
  keys,
  seed: DEMO_SEED,
  now: Date.now,
  // As the demo's fake: recent minutes are reported at 70% until three minutes have passed.
  revisionWindowMs: 3 * MINUTE,
  provisionalShare: 0.7,
});

/**
 * The fake provider's traffic, with bursts planted while it runs. FakeTraffic caches each
 * hour's minutes, so a planted episode swaps in a fresh instance with the new key list.
 */
export class PlantableTraffic extends FakeTraffic {
  private current: FakeTraffic;

  constructor(private planted: DemoKey[]) {
    super(trafficOptions(planted));
    this.current = new FakeTraffic(trafficOptions(planted));
  }

  plant(providerKeyId: string, episode: DemoEpisode): void {
    this.planted = this.planted.map((k) => (k.providerKeyId === providerKeyId ? { ...k, episodes: [...(k.episodes ?? []), episode] } : k));
    this.current = new FakeTraffic(trafficOptions(this.planted));
  }

  override buckets(startMs: number, endMs: number, widthMs: number, keyIds?: ReadonlySet<string>): { startMs: number; endMs: number; rows: FakeUsageRow[] }[] {
    return this.current.buckets(startMs, endMs, widthMs, keyIds);
  }
}
