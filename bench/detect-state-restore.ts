import { performance } from 'node:perf_hooks';
import { createBurnrateDetector } from '@/lib/detect/kinds/detect-burnrate';
import { loadState } from '@/lib/detect/run/state-file';
import { stateDigest, type RestoreReport } from './detect-state';

// The restart half of bench/detect-state.ts, in a process of its own: loads the saved state
// file named on the command line, restores it into a new detector, prints one JSON object.

const file = process.argv[2];
if (!file) throw new Error('usage: detect-state-restore.ts <state file>');
let t = performance.now();
const saved = await loadState(file);
const loadMs = performance.now() - t;
t = performance.now();
const detector = createBurnrateDetector();
detector.restore!(saved!.detector);
const restoreMs = performance.now() - t;
const peakRssMb = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
const report: RestoreReport = { loadMs, restoreMs, peakRssMb, digest: stateDigest(detector.snapshot!()) };
console.log(JSON.stringify(report));
