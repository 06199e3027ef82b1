import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import type { Detector } from '@/lib/detect/eval/replay';
import { loadState, saveState, STATE_FORMAT } from '@/lib/detect/run/state-file';
import type { RssMeter } from './detect-memory';

// What a restart costs with the saved state: the engine's save of the warmed incremental
// detector (lib/detect/run/state-file.ts, to a file in a temporary folder) and a restarted
// process's load and restore into a new detector. The round trip is checked: the restored
// detector's state equals the saved one, deeply.

export interface StateResult {
  fileMb: number;
  saveMs: number;
  loadMs: number;
  restoreMs: number;
  sameState: boolean;
}

export async function measureState(detector: Detector, create: () => Detector, meter: RssMeter): Promise<StateResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'burnrate-bench-state-'));
  try {
    const file = path.join(dir, 'detect-state.v8.gz');
    let t = performance.now();
    const { bytes } = await saveState(file, { format: STATE_FORMAT, shape: 'bench', signature: '', throughMs: 0, savedAt: new Date().toISOString(), keyIds: [], detector: detector.snapshot!() });
    const saveMs = performance.now() - t;
    meter.sample();
    t = performance.now();
    const saved = await loadState(file);
    const loadMs = performance.now() - t;
    t = performance.now();
    const restored = create();
    restored.restore!(saved!.detector);
    const restoreMs = performance.now() - t;
    meter.sample();
    return { fileMb: bytes / 2 ** 20, saveMs, loadMs, restoreMs, sameState: isDeepStrictEqual(restored.snapshot!(), detector.snapshot!()) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
