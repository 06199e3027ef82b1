import { DetectorStateError, type DetectorState } from '@/lib/detect/detector-state';
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
// expensive model it never used" says more about what to do than "a spike". One exception:
// usage at an idle hour at VOLUME_SPIKE times the key's working level or more is reported
// as a spike. Off-hours means someone working at the wrong time; an order of magnitude
// beyond anything the key does is abuse by volume whatever the hour, and is handled so
// (rate-limit, rotate) rather than by asking who was up at night.

/** Most specific first. */
export const KIND_PRIORITY: readonly FindingKind[] = ['new_model', 'new_region', 'dormant_wake', 'off_hours', 'spike'];

/** Off-hours usage at this multiple of the key's active hourly level (an order of magnitude) reads as a spike. */
export const VOLUME_SPIKE = 10;

export function createBurnrateDetector(parts: readonly Detector[] = defaultParts()): Detector {
  const combine = (each: (part: Detector) => Finding[]) => {
    const byKey = new Map<string, Finding[]>();
    for (const part of parts) {
      for (const f of each(part)) {
        const list = byKey.get(f.key);
        if (list) list.push(f);
        else byKey.set(f.key, [f]);
      }
    }
    const out: Finding[] = [];
    for (const list of byKey.values()) out.push(mostSpecific(list));
    return out;
  };
  return {
    name: 'burnrate',
    observe: (bucket) => combine((part) => part.observe(bucket)),
    // A bucket still filling: only the parts that can judge one without learning it.
    peek: (bucket) => combine((part) => part.peek?.(bucket) ?? []),
    // What the parts learnt, by part; only when every part can save and take back its own.
    ...(parts.every((part) => part.snapshot && part.restore)
      ? {
          snapshot: (): DetectorState => Object.fromEntries(parts.map((part) => [part.name, part.snapshot!()])),
          restore(state: DetectorState) {
            for (const part of parts) {
              const saved = state[part.name];
              if (typeof saved !== 'object' || saved === null) throw new DetectorStateError(`detector state has no ${part.name}`);
              part.restore!(saved as DetectorState);
            }
          },
        }
      : {}),
  };
}

function defaultParts(): Detector[] {
  return [createSpikeDetector(), createNewModelDetector(), createNewRegionDetector(), createDormantWakeDetector(), createOffHoursDetector()];
}

/** The most specific finding, carrying the others as `alsoFound`. */
export function mostSpecific(findings: readonly Finding[]): Finding {
  const hasSpike = findings.some((f) => f.kind === 'spike');
  const rank = (f: Finding) => {
    if (hasSpike && f.kind === 'off_hours' && isVolumeSpike(f)) return KIND_PRIORITY.length;
    const i = KIND_PRIORITY.indexOf(f.kind);
    return i < 0 ? KIND_PRIORITY.length : i;
  };
  const sorted = [...findings].sort((a, b) => rank(a) - rank(b));
  const [top, ...rest] = sorted;
  if (!top) throw new Error('mostSpecific: no findings');
  if (rest.length === 0) return top;
  return { ...top, evidence: { ...top.evidence, alsoFound: rest.map((f) => ({ kind: f.kind, summary: f.summary })) } };
}

function isVolumeSpike(offHours: Finding): boolean {
  const e = offHours.evidence ?? {};
  // The bucket's own rate too: with minute buckets the trailing hour lags the onset.
  const usd = Math.max(Number(e.usdPerHour) || 0, Number(e.bucketUsdPerHour) || 0);
  const active = Number(e.activeUsdPerHour) || 0;
  return active > 0 && usd >= VOLUME_SPIKE * active;
}
