import { parseArgs } from 'node:util';
import type { Env } from '@/lib/env';
import { DEFAULT_DETECTOR, DETECTORS, isDetectorName } from '@/lib/detect/eval/detectors';
import { evaluateScenario } from '@/lib/detect/eval/evaluate-scenario';
import { evaluateSuite } from '@/lib/detect/eval/evaluate-suite';
import { metricsJson, scenarioJson, scenarioText, suiteText } from '@/lib/detect/eval/format-eval';
import { DEFAULT_QUIET_SECONDS } from '@/lib/detect/eval/group-incidents';
import { loadScenario } from '@/lib/detect/eval/load-scenario';
import { progressBar } from './progress-bar';
import { userPath } from './user-path';

// `npx burnrate eval <scenario-dir> [--json]` replays one labelled scenario through a
// detector and prints the incidents it would open and, with labels, the score;
// `npx burnrate eval --all <dir>` does every scenario in a folder and prints the totals.

const USAGE = `Usage:
  burnrate eval <scenario-dir> [--json] [--detector ${Object.keys(DETECTORS).join('|')}]
  burnrate eval --all <dir> [--json] [--detector name] [--subtle 009,010,...] [--start-later 1,2,3]
Options:
  --quiet-minutes n   an incident closes after n minutes without findings (default ${DEFAULT_QUIET_SECONDS / 60})
  --subtle list       scenario names (or number suffixes) pooled as the subtler ones
                      (default: the dev set's 009-012, 042, 046)
  --start-later days  also replay each scenario from these whole days after its start, as if
                      its keys were first seen then (another weekday), while still in warm-up`;

export async function evalCommand(_env: Env, args: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        all: { type: 'string' },
        json: { type: 'boolean', default: false },
        detector: { type: 'string', default: DEFAULT_DETECTOR },
        'quiet-minutes': { type: 'string' },
        subtle: { type: 'string' },
        'start-later': { type: 'string' },
      },
    });
  } catch (error) {
    throw new Error(`burnrate: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const detector = values.detector;
  if (!isDetectorName(detector)) throw new Error(`burnrate: unknown detector "${detector}"; known: ${Object.keys(DETECTORS).join(', ')}`);
  const quietMinutes = values['quiet-minutes'] === undefined ? undefined : Number(values['quiet-minutes']);
  if (quietMinutes !== undefined && !(quietMinutes >= 0)) throw new Error('burnrate: --quiet-minutes must be a number of minutes >= 0');
  const quietSeconds = quietMinutes === undefined ? undefined : quietMinutes * 60;
  const makeDetector = DETECTORS[detector];

  if (values.all !== undefined) {
    if (positionals.length > 0) throw new Error(`burnrate: give either a scenario folder or --all <dir>, not both\n${USAGE}`);
    const bar = progressBar(`eval ${detector}`);
    const subtle = values.subtle?.split(',').map((s) => s.trim()).filter(Boolean);
    const startLater = values['start-later']?.split(',').map((s) => Number(s.trim()));
    if (startLater?.some((d) => !Number.isInteger(d) || d <= 0)) throw new Error(`burnrate: --start-later takes whole days > 0, comma-separated, such as 1,2,3\n${USAGE}`);
    const suite = await evaluateSuite(userPath(values.all), makeDetector, {
      subtle,
      quietSeconds,
      startLater,
      onProgress: (done, total, name) => bar.update(done, total, name),
    });
    bar.done(`eval ${detector}: ${suite.rows.length} scenarios replayed`);
    if (values.json) {
      const scenarios = suite.rows.map((r) => ({
        name: r.evaluation.name,
        subtle: r.subtle,
        incidents: r.evaluation.incidents.length,
        ...(r.evaluation.score ? { metrics: metricsJson(r.evaluation.score) } : {}),
      }));
      const subtleTotals = suite.subtle ? metricsJson(suite.subtle, false) : null;
      await print(JSON.stringify({ detector, scenarios, totals: metricsJson(suite.totals, false), subtle: subtleTotals }));
    } else await print(suiteText(suite.rows, suite.totals, suite.subtle, detector));
    return;
  }

  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new Error(`burnrate: eval needs one scenario folder\n${USAGE}`);
  const evaluation = evaluateScenario(await loadScenario(userPath(dir)), makeDetector(), { quietSeconds });
  await print(values.json ? JSON.stringify(scenarioJson(evaluation)) : scenarioText(evaluation, detector));
}

// bin/burnrate.mjs exits as soon as the command returns, which cuts off a large output
// still queued for a pipe; resolve only once stdout has taken all of it.
function print(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(`${text}\n`, (error) => (error ? reject(error) : resolve())));
}
