import { mapsState } from '@/lib/detect/detector-state';
import type { Finding } from '@/lib/detect/eval/finding';
import type { Detector } from '@/lib/detect/eval/replay';
import { DEFAULT_DORMANT_SETTINGS, type DormantSettings } from './kind-settings';

// Dormant wake (kind 'dormant_wake'): a key that has been idle far longer than its usual
// gaps starts spending. N is the key's own: `gapMultiple` times the longest gap it has had
// (a weekday key's weekend), never below `minIdleHours`. Silence since observation began
// counts as idle time, so a key that was never used waking up is caught too. A key is
// judged only after `warmupHours` of observation, so its usual gaps are known.

interface KeyState {
  firstSeen: number;
  /** End of the last active bucket, or firstSeen before any activity. */
  idleSince: number;
  longestGapMs: number;
}

export function createDormantWakeDetector(overrides: Partial<DormantSettings> = {}): Detector {
  const s: DormantSettings = { ...DEFAULT_DORMANT_SETTINGS, ...overrides };
  const keys = new Map<string, KeyState>();
  return {
    name: 'dormant-wake',
    ...mapsState({ keys }),
    observe(bucket) {
      const findings: Finding[] = [];
      const bucketMs = bucket.bucketSeconds * 1000;
      for (const k of bucket.keys) {
        let st = keys.get(k.key);
        if (!st) keys.set(k.key, (st = { firstSeen: bucket.start, idleSince: bucket.start, longestGapMs: 0 }));
        if (k.requests <= 0 && k.costUsd <= 0) continue;
        const idleMs = bucket.start - st.idleSince;
        const thresholdMs = Math.max(s.minIdleHours * 3_600_000, s.gapMultiple * st.longestGapMs);
        const warm = bucket.start - st.firstSeen >= s.warmupHours * 3_600_000;
        if (warm && idleMs >= thresholdMs) {
          const idleDays = idleMs / 86_400_000;
          findings.push({
            key: k.key,
            kind: 'dormant_wake',
            severity: idleDays >= 30 ? 'error' : 'warning',
            summary: `key idle ${idleDays.toFixed(1)} days (usual longest gap ${(st.longestGapMs / 3_600_000).toFixed(0)} h) spent $${k.costUsd.toFixed(2)} over ${k.requests} requests`,
            evidence: { idleHours: idleMs / 3_600_000, longestGapHours: st.longestGapMs / 3_600_000, thresholdHours: thresholdMs / 3_600_000, observedUsd: k.costUsd, requests: k.requests },
          });
        } else {
          // A wake that pages is not learnt as a usual gap.
          st.longestGapMs = Math.max(st.longestGapMs, idleMs);
        }
        st.idleSince = bucket.start + bucketMs;
      }
      return findings;
    },
  };
}
