import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { Detector } from '@/lib/detect/eval/replay';
import { saveState, STATE_FORMAT } from '@/lib/detect/run/state-file';
import type { RssMeter } from './detect-memory';

// What a restart costs with the saved state: the engine's save of the warmed incremental
// detector (lib/detect/run/state-file.ts, to a file in a temporary folder), then a new
// process (a restart is one) loads the file and restores it into a new detector
// (detect-state-restore.ts), reporting its own time and memory. The round trip is checked:
// the restored state's digest equals the saved one's.

export interface StateResult {
  fileMb: number;
  saveMs: number;
  /** In the new process. */
  loadMs: number;
  restoreMs: number;
  restorePeakRssMb: number;
  sameState: boolean;
}

export interface RestoreReport {
  loadMs: number;
  restoreMs: number;
  peakRssMb: number;
  digest: string;
}

export async function measureState(detector: Detector, meter: RssMeter): Promise<StateResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'burnrate-bench-state-'));
  try {
    const file = path.join(dir, 'detect-state.v8.gz');
    const t = performance.now();
    const { bytes } = await saveState(file, { format: STATE_FORMAT, shape: 'bench', signature: '', throughMs: 0, savedAt: new Date().toISOString(), keyIds: [], detector: detector.snapshot!() });
    const saveMs = performance.now() - t;
    meter.sample();
    const digest = stateDigest(detector.snapshot!());
    const script = path.join(import.meta.dirname, 'detect-state-restore.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, file], { maxBuffer: 1 << 20 });
    const restored = JSON.parse(stdout) as RestoreReport;
    return { fileMb: bytes / 2 ** 20, saveMs, loadMs: restored.loadMs, restoreMs: restored.restoreMs, restorePeakRssMb: restored.peakRssMb, sameState: restored.digest === digest };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A digest of a detector state by value (numbers as numbers, however v8 stored them). */
export function stateDigest(state: unknown): string {
  const hash = createHash('sha256');
  const walk = (value: unknown): void => {
    if (ArrayBuffer.isView(value)) {
      hash.update(`${value.constructor.name}:${value.byteLength}:`);
      hash.update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    } else if (value instanceof Map) {
      hash.update(`Map${value.size}:`);
      for (const [key, item] of value) {
        walk(key);
        walk(item);
      }
    } else if (Array.isArray(value)) {
      hash.update(`Array${value.length}:`);
      value.forEach(walk);
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const name of Object.keys(record).sort()) {
        hash.update(`${name}=`);
        walk(record[name]);
      }
    } else hash.update(`${typeof value}:${String(value)};`);
  };
  walk(state);
  return hash.digest('hex');
}
