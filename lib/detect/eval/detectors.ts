import { createSpikeDetector } from '@/lib/detect/spike/detect-spike';
import { createNaiveBaseline } from './naive-baseline';
import type { Detector } from './replay';

// Detectors `burnrate eval --detector <name>` can replay. Each call makes a fresh one with
// no history. The product's engine joins here when it exists and becomes the default.

export const DETECTORS = {
  naive: () => createNaiveBaseline(),
  'robust-spike': () => createSpikeDetector(),
} satisfies Record<string, () => Detector>;

export type DetectorName = keyof typeof DETECTORS;
export const DEFAULT_DETECTOR: DetectorName = 'naive';

export function isDetectorName(name: string): name is DetectorName {
  return Object.hasOwn(DETECTORS, name);
}
