import type { Detector } from '@/lib/detect/eval/replay';
import { logger } from '@/lib/log';
import { DETECT_BUCKET_SECONDS } from './load-observations';
import { loadState, saveState, stateShape, STATE_FORMAT } from './state-file';

// The detection engine's side of the state file (state-file.ts): when a starting engine may
// take saved baselines back, and when a running one saves them again.

const BUCKET_MS = DETECT_BUCKET_SECONDS * 1000;

export interface SavedBaselinesOptions {
  /** The file; none: nothing is saved or taken back. */
  statePath?: string;
  /** Observed usage between two saves. */
  saveEveryMs: number;
  /** Makes the engine's detector (the layout probe uses it too). */
  create: () => Detector;
}

export function savedBaselines({ statePath, saveEveryMs, create }: SavedBaselinesOptions) {
  let shape: string | null = null;
  let savedThrough = -Infinity;
  const currentShape = () => (shape ??= stateShape(create));

  return {
    /**
     * Restores `detector` from the file when it fits: learnt under the same feedback
     * (`signature`) and layout, by keys of this database (`knownKeys`), up to a minute between
     * `minutesFrom` (minute usage is still stored there) and `cursor`. Returns where the saved
     * baselines end, or null; on null a half-restored detector must be replaced (`damaged`).
     */
    async restore(detector: Detector, at: { signature: string; minutesFrom: number; cursor: number; knownKeys: ReadonlySet<string> | ReadonlyMap<string, unknown> }): Promise<{ throughMs: number } | { throughMs: null; damaged: boolean }> {
      if (!statePath || !detector.restore) return { throughMs: null, damaged: false };
      const unused = (reason: string, damaged = false) => {
        logger.warn('detect_state_unused', { reason });
        return { throughMs: null, damaged };
      };
      try {
        const saved = await loadState(statePath);
        if (!saved) return { throughMs: null, damaged: false };
        if (saved.format !== STATE_FORMAT || saved.shape !== currentShape()) return unused('saved by another version');
        if (saved.signature !== at.signature) return unused('incident feedback changed since');
        if (saved.throughMs > at.cursor || saved.throughMs < at.minutesFrom) return unused('saved outside the stored minutes');
        if (saved.keyIds.length > 0 && !saved.keyIds.some((id) => at.knownKeys.has(id))) return unused('saved for other keys');
        const started = performance.now();
        detector.restore(saved.detector);
        logger.info('detect_state_restored', { savedAt: saved.savedAt, replayMinutes: (at.cursor - saved.throughMs) / BUCKET_MS, ms: Math.round(performance.now() - started) });
        savedThrough = saved.throughMs;
        return { throughMs: saved.throughMs };
      } catch (error) {
        return unused(error instanceof Error ? error.message : String(error), true);
      }
    },

    /** Forgets the last save (the baselines are being rebuilt). */
    reset() {
      savedThrough = -Infinity;
    },

    /** Saves once `saveEveryMs` of usage was learnt since the last save; a failure only logs, and waits the same interval. */
    async saveIfDue(detector: Detector, at: { signature: string; observedThrough: number; keyIds: () => string[] }) {
      if (!statePath || !detector.snapshot || at.observedThrough - savedThrough < saveEveryMs) return;
      const started = performance.now();
      savedThrough = at.observedThrough;
      try {
        const state = { format: STATE_FORMAT, shape: currentShape(), signature: at.signature, throughMs: at.observedThrough, savedAt: new Date().toISOString(), keyIds: at.keyIds(), detector: detector.snapshot() };
        const { bytes } = await saveState(statePath, state);
        logger.info('detect_state_saved', { bytes, ms: Math.round(performance.now() - started) });
      } catch (error) {
        logger.warn('detect_state_not_saved', { error: error instanceof Error ? error.message : String(error) });
      }
    },
  };
}
