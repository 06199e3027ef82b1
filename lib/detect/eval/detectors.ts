import { createBurnrateDetector } from '@/lib/detect/kinds/detect-burnrate';
import { createDormantWakeDetector } from '@/lib/detect/kinds/detect-dormant-wake';
import { createNewModelDetector } from '@/lib/detect/kinds/detect-new-model';
import { createNewRegionDetector } from '@/lib/detect/kinds/detect-new-region';
import { createOffHoursDetector } from '@/lib/detect/kinds/detect-off-hours';
import { createSpikeDetector } from '@/lib/detect/spike/detect-spike';
import { createNaiveBaseline } from './naive-baseline';
import type { Detector } from './replay';

// Detectors `burnrate eval --detector <name>` can replay. Each call makes a fresh one with
// no history. `burnrate` (every kind, most specific first) is the default; `naive` is the
// baseline the detection issue measures against.

export const DETECTORS = {
  naive: () => createNaiveBaseline(),
  'robust-spike': () => createSpikeDetector(),
  'new-model': () => createNewModelDetector(),
  'new-region': () => createNewRegionDetector(),
  'dormant-wake': () => createDormantWakeDetector(),
  'off-hours': () => createOffHoursDetector(),
  burnrate: () => createBurnrateDetector(),
} satisfies Record<string, () => Detector>;

export type DetectorName = keyof typeof DETECTORS;
export const DEFAULT_DETECTOR: DetectorName = 'burnrate';

export function isDetectorName(name: string): name is DetectorName {
  return Object.hasOwn(DETECTORS, name);
}
