import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { evaluateScenario, type ScenarioEvaluation } from './evaluate-scenario';
import { loadScenario } from './load-scenario';
import type { Detector } from './replay';
import { combineScores, type Score } from './score';
import { startLater } from './start-later';

// Every scenario folder under a directory through a fresh detector each, with pooled totals
// overall and over the subtler scenarios. Which scenarios are subtler is the caller's call:
// ../shared/scenarios/README.md names them for dev/, and nothing in a scenario says so.

export const DEV_SUBTLE_SCENARIOS = ['scenario-009', 'scenario-010', 'scenario-011', 'scenario-012', 'scenario-042', 'scenario-046'];

export interface SuiteResult {
  rows: { evaluation: ScenarioEvaluation; subtle: boolean }[];
  totals: Score;
  /** Null when no scored scenario is marked subtle. */
  subtle: Score | null;
}

/** `names` may be full names (scenario-009) or their suffixes (009). */
export function isSubtle(name: string, names: readonly string[]): boolean {
  return names.some((n) => name === n || name.endsWith(`-${n}`));
}

export function listScenarioDirs(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`burnrate: scenario collection ${dir} not found`);
  const dirs = readdirSync(dir)
    .sort()
    .map((name) => path.join(dir, name))
    .filter((d) => statSync(d).isDirectory() && existsSync(path.join(d, 'scenario.json')));
  if (dirs.length === 0) throw new Error(`burnrate: ${dir} holds no scenario folders (folders with a scenario.json)`);
  return dirs;
}

export async function evaluateSuite(
  dir: string,
  makeDetector: () => Detector,
  options: {
    subtle?: readonly string[];
    quietSeconds?: number;
    /** Also replay each scenario from this many days after its start (lib/detect/eval/start-later.ts). */
    startLater?: readonly number[];
    onProgress?: (done: number, total: number, name: string) => void;
  } = {},
): Promise<SuiteResult> {
  const dirs = listScenarioDirs(dir);
  const subtleNames = options.subtle ?? DEV_SUBTLE_SCENARIOS;
  const rows: SuiteResult['rows'] = [];
  for (const [i, d] of dirs.entries()) {
    const scenario = await loadScenario(d);
    const subtle = isSubtle(scenario.meta.name, subtleNames);
    for (const s of [scenario, ...(options.startLater ?? []).map((days) => startLater(scenario, days))]) {
      if (s) rows.push({ evaluation: evaluateScenario(s, makeDetector(), { quietSeconds: options.quietSeconds }), subtle });
    }
    options.onProgress?.(i + 1, dirs.length, scenario.meta.name);
  }
  const scored = rows.flatMap((r) => (r.evaluation.score ? [{ score: r.evaluation.score, subtle: r.subtle }] : []));
  const subtle = scored.filter((r) => r.subtle).map((r) => r.score);
  return { rows, totals: combineScores(scored.map((r) => r.score)), subtle: subtle.length ? combineScores(subtle) : null };
}
