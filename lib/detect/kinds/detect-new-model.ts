import { mapsState } from '@/lib/detect/detector-state';
import type { Finding } from '@/lib/detect/eval/finding';
import type { Detector } from '@/lib/detect/eval/replay';
import { DEFAULT_NOVELTY_SETTINGS, type NoveltySettings } from './kind-settings';

// New model (kind 'new_model'): a warm key starts using a model it has never used. The
// model stays new for `noveltyHours` after it first appears; in that time its usage pages
// when it is priced well above the key's usual cost per request (an expensive model, even
// at low volume) or when it is a material share of the key's typical hourly cost. A cheap
// model appearing with trivial cost does not page. Usage of a new model is not learnt into
// the key's totals, so an incident does not move what the key is judged by.

interface KeyState {
  firstActive: number;
  costUsd: number;
  requests: number;
  /** model -> epoch ms it first appeared (-Infinity: known from warm-up). */
  models: Map<string, number>;
}

export function createNewModelDetector(overrides: Partial<NoveltySettings> = {}): Detector {
  const s: NoveltySettings = { ...DEFAULT_NOVELTY_SETTINGS, ...overrides };
  const keys = new Map<string, KeyState>();
  return {
    name: 'new-model',
    ...mapsState({ keys }),
    observe(bucket) {
      const findings: Finding[] = [];
      const perHour = 3600 / bucket.bucketSeconds;
      for (const k of bucket.keys) {
        if (k.models.size === 0) continue;
        let st = keys.get(k.key);
        if (!st) keys.set(k.key, (st = { firstActive: bucket.start, costUsd: 0, requests: 0, models: new Map() }));
        const hoursActive = (bucket.start - st.firstActive) / 3_600_000;
        const warm = hoursActive >= s.warmupHours && st.requests > 0;
        const usualPrice = st.requests > 0 ? st.costUsd / st.requests : 0;
        const typicalHourly = hoursActive > 0 ? st.costUsd / hoursActive : 0;
        for (const [model, u] of k.models) {
          let first = st.models.get(model);
          if (first === undefined) {
            first = warm && k.baseline !== 'include' ? bucket.start : -Infinity;
            // Feedback: a model first used by a leak stays new for the key.
            if (k.baseline !== 'exclude') st.models.set(model, first);
          }
          if (bucket.start - first >= s.noveltyHours * 3_600_000) {
            if (k.baseline !== 'exclude') {
              st.costUsd += u.costUsd;
              st.requests += u.requests;
            }
            continue;
          }
          const price = u.requests > 0 ? u.costUsd / u.requests : 0;
          const usdPerHour = u.costUsd * perHour;
          const priceMultiple = usualPrice > 0 ? price / usualPrice : Infinity;
          const pricey = priceMultiple >= s.priceMultiple;
          const material = usdPerHour >= s.costShare * typicalHourly;
          // A model far pricier than the key's usual pages from its first request: cheap probing
          // volume is not needed to spend a leaked key's budget on it.
          const enoughRequests = u.requests >= (pricey ? 1 : s.minRequests);
          if (enoughRequests && usdPerHour >= s.minUsdPerHour && (pricey || material)) {
            findings.push({
              key: k.key,
              kind: 'new_model',
              severity: pricey && material ? 'error' : 'warning',
              summary: `new model ${model}: $${u.costUsd.toFixed(2)} over ${u.requests} requests, ${Number.isFinite(priceMultiple) ? priceMultiple.toFixed(1) : '-'}x the key's usual price per request`,
              evidence: { model, observedUsd: u.costUsd, requests: u.requests, pricePerRequest: price, usualPricePerRequest: usualPrice, priceMultiple, typicalHourlyUsd: typicalHourly, firstSeen: first },
            });
          }
        }
      }
      return findings;
    },
  };
}
