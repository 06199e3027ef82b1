import { burnrateCore } from './burnrate-core';
import { windowedGaussian, type ScorerFactory, type StreamingScorer } from './detector-core';

// The detectors `burnrate score-series` and `burnrate nab` can run, by the name given to
// --detector. A new detector core is one entry here.

const nullScorer: StreamingScorer = { score: () => 0 };

export const DETECTORS = {
  'windowed-gaussian': () => windowedGaussian(),
  // NAB's null detector: never fires, so it scores 0 on every profile (a harness check).
  null: () => nullScorer,
  // Burnrate's own core: novelty of the value, level, noise and day-over-day change.
  burnrate: () => burnrateCore(),
} satisfies Record<string, ScorerFactory>;

export type DetectorId = keyof typeof DETECTORS;
export const DEFAULT_DETECTOR: DetectorId = 'burnrate';

export function detectorFor(name: string): ScorerFactory {
  if (!Object.hasOwn(DETECTORS, name)) {
    throw new Error(`burnrate: unknown detector "${name}"; choose one of ${Object.keys(DETECTORS).join(', ')}`);
  }
  return DETECTORS[name as DetectorId];
}
