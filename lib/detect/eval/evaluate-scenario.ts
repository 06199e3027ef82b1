import type { Incident } from './group-incidents';
import type { Scenario } from './load-scenario';
import { replay, type Detector } from './replay';
import { scoreScenario, type Score } from './score';

// One scenario through one detector: the incidents it would open and, when the scenario
// has labels, their score.

export interface ScenarioEvaluation {
  name: string;
  bucketSeconds: number;
  keys: number;
  buckets: number;
  incidents: Incident[];
  /** Null when the scenario carries no labels. */
  score: Score | null;
}

export function evaluateScenario(scenario: Scenario, detector: Detector, options: { quietSeconds?: number } = {}): ScenarioEvaluation {
  const { meta } = scenario;
  const { incidents } = replay(scenario, detector, options);
  const score =
    meta.labels.length === 0
      ? null
      : scoreScenario(meta.labels, incidents, { bucketSeconds: meta.bucketSeconds, warmupEnd: meta.warmupEnd, end: meta.end, keyCount: meta.keys.length });
  return { name: meta.name, bucketSeconds: meta.bucketSeconds, keys: meta.keys.length, buckets: scenario.bucketCount, incidents, score };
}
