import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MONDAY, observationOfKeys, type Row } from '@/lib/detect/eval/observation-fixture';
import { createBurnrateDetector } from '@/lib/detect/kinds/detect-burnrate';
import { createSpikeDetector } from '@/lib/detect/spike/detect-spike';
import { loadState, saveState, stateShape, STATE_FORMAT, type SavedState } from './state-file';

// The file itself: a state of many keys (several frames per Map) comes back equal; a damaged
// file is an error, never a partial state; the shape probe tells detectors' layouts apart.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'burnrate-state-file-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function warmedDetector(keys: number) {
  const detector = createBurnrateDetector();
  for (let i = 0; i < 30; i++) {
    const byKey: Record<string, Row[]> = {};
    for (let k = 0; k < keys; k++) byKey[`key-${k}`] = k % 3 === 0 && i % 5 === 0 ? [] : [{ model: k % 2 ? 'gpt-4o' : 'claude-sonnet-4', region: k % 4 ? 'DE' : 'US', requests: 3 + (k % 7), costUsd: 0.1 * (1 + (k % 5)) }, { model: 'gpt-4o-mini', requests: 1, costUsd: 0.01 }];
    detector.observe(observationOfKeys(MONDAY + i * HOUR, i, byKey));
  }
  return detector;
}

const header = (keyIds: string[]): Omit<SavedState, 'detector'> => ({ format: STATE_FORMAT, shape: 'test', signature: '1:leak', throughMs: MONDAY + 30 * HOUR, savedAt: new Date(MONDAY).toISOString(), keyIds });

describe('state file', () => {
  it('saves and loads a state of 700 keys (several frames per Map) exactly', async () => {
    const detector = warmedDetector(700);
    const file = path.join(dir, 'many.v8.gz');
    const keyIds = Array.from({ length: 700 }, (_, k) => `key-${k}`);
    const { bytes } = await saveState(file, { ...header(keyIds), detector: detector.snapshot!() });
    expect(bytes).toBe((await readFile(file)).length);
    const loaded = await loadState(file);
    expect(loaded).toMatchObject(header(keyIds));
    const restored = createBurnrateDetector();
    restored.restore!(loaded!.detector);
    expect(isDeepStrictEqual(restored.snapshot!(), detector.snapshot!())).toBe(true);
  });

  it('a missing file is no state; a cut or foreign file is an error', async () => {
    expect(await loadState(path.join(dir, 'none.v8.gz'))).toBeNull();
    const file = path.join(dir, 'cut.v8.gz');
    await saveState(file, { ...header(['key-0']), detector: warmedDetector(300).snapshot!() });
    const whole = await readFile(file);
    await writeFile(file, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(loadState(file)).rejects.toThrow();
    await writeFile(file, '{"not":"a state"}');
    await expect(loadState(file)).rejects.toThrow();
  });

  it('leaves no temporary file behind, and keeps the previous file when a save fails', async () => {
    const file = path.join(dir, 'kept.v8.gz');
    await saveState(file, { ...header(['key-0']), detector: warmedDetector(2).snapshot!() });
    const before = await readFile(file);
    await expect(saveState(file, { ...header(['key-0']), detector: { spike: 'not a Map' } })).rejects.toThrow(/neither a Map/);
    expect((await readFile(file)).equals(before)).toBe(true);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('the shape probe tells detectors apart and is stable for one', () => {
    expect(stateShape(() => createBurnrateDetector())).toBe(stateShape(() => createBurnrateDetector()));
    expect(stateShape(() => createBurnrateDetector())).not.toBe(stateShape(() => createSpikeDetector()));
    expect(stateShape(() => createBurnrateDetector())).toMatch(/Float64Array\(\d+\)/);
  });
});
