import { mapsState } from '@/lib/detect/detector-state';
import type { Finding } from '@/lib/detect/eval/finding';
import type { Detector } from '@/lib/detect/eval/replay';
import { DEFAULT_NOVELTY_SETTINGS, type NoveltySettings } from './kind-settings';

// New region (kind 'new_region'): a warm key is called from a country it has never or
// rarely (below `rareShare` of its past requests) been called from, with at least
// `minRequests` requests in the bucket. Cost does not matter: a leaked key probed from
// abroad with a cheap model is still a leak. Flagged traffic is not learnt, so a long
// incident does not make its country look usual.

interface KeyState {
  firstActive: number;
  requests: number;
  regions: Map<string, number>;
}

export function createNewRegionDetector(overrides: Partial<NoveltySettings> = {}): Detector {
  const s: NoveltySettings = { ...DEFAULT_NOVELTY_SETTINGS, ...overrides };
  const keys = new Map<string, KeyState>();
  return {
    name: 'new-region',
    ...mapsState({ keys }),
    observe(bucket) {
      const findings: Finding[] = [];
      for (const k of bucket.keys) {
        if (k.regions.size === 0) continue;
        let st = keys.get(k.key);
        if (!st) keys.set(k.key, (st = { firstActive: bucket.start, requests: 0, regions: new Map() }));
        const warm = (bucket.start - st.firstActive) / 3_600_000 >= s.warmupHours && st.requests > 0;
        const rare: { region: string; requests: number; pastShare: number }[] = [];
        let rareRequests = 0;
        for (const [region, u] of k.regions) {
          const pastShare = st.requests > 0 ? (st.regions.get(region) ?? 0) / st.requests : 0;
          if (warm && pastShare < s.rareShare && u.requests > 0) {
            rare.push({ region, requests: u.requests, pastShare });
            rareRequests += u.requests;
          }
        }
        const flagged = rareRequests >= s.minRequests;
        if (flagged) {
          rare.sort((a, b) => b.requests - a.requests);
          findings.push({
            key: k.key,
            kind: 'new_region',
            severity: rareRequests >= 10 * s.minRequests ? 'error' : 'warning',
            summary: `${rareRequests} requests from ${rare.map((r) => r.region).join(', ')}, rarely or never seen for this key`,
            evidence: { requests: rareRequests, regions: rare, knownRegions: [...st.regions.keys()] },
          });
        }
        // Feedback: a leak's regions are never learnt; an expected one's always are.
        if (k.baseline === 'exclude') continue;
        for (const [region, u] of k.regions) {
          if (flagged && k.baseline !== 'include' && rare.some((r) => r.region === region)) continue;
          st.regions.set(region, (st.regions.get(region) ?? 0) + u.requests);
          st.requests += u.requests;
        }
      }
      return findings;
    },
  };
}
