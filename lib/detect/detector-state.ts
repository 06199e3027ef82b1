// What a detector has learnt, as plain data a structured clone keeps (Maps, typed arrays,
// objects, numbers, strings; no functions), so the detection engine can save it and a
// restarted process can take it back instead of replaying weeks of usage (state-file.ts).

export type DetectorState = { readonly [part: string]: unknown };

export class DetectorStateError extends Error {
  override name = 'DetectorStateError';
}

/**
 * `snapshot` and `restore` for a detector whose whole memory is some Maps. The snapshot
 * holds the live Maps (serialise it before the next bucket); restore replaces their
 * contents with a snapshot's, which must name the same Maps.
 */
export function mapsState(maps: Record<string, Map<string, unknown>>) {
  return {
    snapshot: (): DetectorState => ({ ...maps }),
    restore(state: DetectorState) {
      for (const [name, map] of Object.entries(maps)) {
        const saved = state[name];
        if (!(saved instanceof Map)) throw new DetectorStateError(`detector state has no ${name}`);
        map.clear();
        for (const [key, value] of saved) map.set(key, value);
      }
    },
  };
}
