import type { Finding, FindingKind } from '@/lib/detect/eval/finding';
import type { Detector } from '@/lib/detect/eval/replay';
import { createSpikeDetector } from '@/lib/detect/spike/detect-spike';
import { createDormantWakeDetector } from './detect-dormant-wake';
import { createNewModelDetector } from './detect-new-model';
import { createNewRegionDetector } from './detect-new-region';
import { createOffHoursDetector } from './detect-off-hours';

// The product's detector: the robust spike detector plus the kind detectors, each fed every
// bucket so its state stays whole. When several fire on the same key and bucket, on-call
// gets one finding of the most specific kind (the others ride along as evidence): "an
// expensive model it never used" says more about what to do than "a spike".

/** Most specific first. */
export const KIND_PRIORITY: readonly FindingKind[] = ['new_model', 'new_region', 'dormant_wake', 'off_hours', 'spike'];

export function createBurnrateDetector(parts: readonly Detector[] = defaultParts()): Detector {
  return {
    name: 'burnrate',
    observe(bucket) {
      const byKey = new Map<string, Finding[]>();
      for (const part of parts) {
        for (const f of part.observe(bucket)) {
          const list = byKey.get(f.key);
          if (list) list.push(f);
          else byKey.set(f.key, [f]);
        }
      }
      const out: Finding[] = [];
      for (const list of byKey.values()) out.push(mostSpecific(list));
      return out;
    },
  };
}

function defaultParts(): Detector[] {
  return [createSpikeDetector(), createNewModelDetector(), createNewRegionDetector(), createDormantWakeDetector(), createOffHoursDetector()];
}

/** The most specific finding, carrying the others as `alsoFound`. */
export function mostSpecific(findings: readonly Finding[]): Finding {
  const rank = (f: Finding) => {
    const i = KIND_PRIORITY.indexOf(f.kind);
    return i < 0 ? KIND_PRIORITY.length : i;
  };
  const sorted = [...findings].sort((a, b) => rank(a) - rank(b));
  const [top, ...rest] = sorted;
  if (!top) throw new Error('mostSpecific: no findings');
  if (rest.length === 0) return top;
  return { ...top, evidence: { ...top.evidence, alsoFound: rest.map((f) => ({ kind: f.kind, summary: f.summary })) } };
}
