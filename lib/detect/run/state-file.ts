import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline as pipelineCb, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { deserialize, serialize } from 'node:v8';
import { constants, createGunzip, createGzip } from 'node:zlib';
import { DetectorStateError, type DetectorState } from '@/lib/detect/detector-state';
import type { BucketObservation, Detector } from '@/lib/detect/eval/replay';

// The detection engine's baselines on disk, so a restart takes them back and replays the
// minutes since instead of weeks of usage (about 22 minutes of work at 10,000 keys). A cache:
// a missing, unreadable or outdated file only means a full rebuild. One file in the data
// folder (next to the master key), written whole to a temporary name and renamed, so a
// crash mid-write leaves the previous file. Outdated means another state format, another
// layout of what the detectors keep (their shape, probed below), other feedback, or other
// keys (the data folder now serves another database).

/** The file's name in the data folder. */
export const DETECT_STATE_FILE = 'detect-state.v8.gz';

/** Bump when what a detector keeps changes meaning without changing shape. */
export const STATE_FORMAT = 1;

export interface SavedState {
  format: number;
  /** The detectors' layout when saved (`stateShape`). */
  shape: string;
  /** The baseline overrides' signature (incident feedback) the state was learnt under. */
  signature: string;
  /** Everything before this was learnt (epoch ms, a minute boundary). */
  throughMs: number;
  savedAt: string;
  /** The keys watched then: a state saved against another database shares none of them. */
  keyIds: string[];
  detector: DetectorState;
}

export async function saveState(file: string, state: SavedState): Promise<{ bytes: number }> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await pipeline(Readable.from(frames(state)), createGzip({ level: constants.Z_BEST_SPEED }), createWriteStream(temporary, { mode: 0o600 }));
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
  return { bytes: (await stat(file)).size };
}

/** The saved state, or null when there is none; throws when the file cannot be read as one. */
export async function loadState(file: string): Promise<SavedState | null> {
  let header: Partial<SavedState> | null = null;
  const detector: Record<string, unknown> = {};
  try {
    for await (const bytes of readFrames(file)) {
      // Typed arrays come back as views into the frame's bytes: the state is not copied again.
      const frame = deserialize(bytes) as Frame;
      if (!header) {
        if (!frame || typeof frame !== 'object' || !('header' in frame)) throw new Error('not a saved detector state');
        header = frame.header;
        continue;
      }
      if (!('path' in frame) || !Array.isArray(frame.entries)) throw new Error('not a saved detector state');
      const map = mapAt(detector, frame.path);
      for (const [key, value] of frame.entries) map.set(key, value);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (!header || typeof header.format !== 'number' || typeof header.shape !== 'string' || typeof header.signature !== 'string' || typeof header.throughMs !== 'number' || !Array.isArray(header.keyIds)) {
    throw new Error('not a saved detector state');
  }
  return { ...(header as Omit<SavedState, 'detector'>), detector };
}

/** The file's frames as they are unpacked, each in a buffer of its own; never the whole file at once. */
async function* readFrames(file: string): AsyncGenerator<Buffer> {
  const chunks: Buffer[] = [];
  let buffered = 0;
  let need = -1;
  const take = (n: number) => {
    const out = Buffer.allocUnsafeSlow(n);
    for (let filled = 0; filled < n; ) {
      const chunk = chunks[0]!;
      const part = Math.min(chunk.length, n - filled);
      chunk.copy(out, filled, 0, part);
      filled += part;
      if (part === chunk.length) chunks.shift();
      else chunks[0] = chunk.subarray(part);
    }
    buffered -= n;
    return out;
  };
  // A read error (a missing file: ENOENT) reaches the loop through the pipeline.
  const unpacked = pipelineCb(createReadStream(file), createGunzip(), () => {});
  for await (const chunk of unpacked as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    buffered += chunk.length;
    for (;;) {
      if (need < 0) {
        if (buffered < 4) break;
        need = take(4).readUInt32LE(0);
      }
      if (buffered < need) break;
      yield take(need);
      need = -1;
    }
  }
  if (buffered > 0 || need >= 0) throw new Error('saved detector state is cut short');
}

// The file: gzip of frames, each a 4-byte length and a v8-serialised value: first the header
// (everything but the detector's state), then every Map of the state, a few hundred entries a
// frame, with its path in the state's tree of plain objects. Saving never holds a second copy
// of the state (at 10,000 keys it is hundreds of megabytes), only a frame at a time.
type Frame = { header: Omit<SavedState, 'detector'> } | { path: string[]; entries: [string, unknown][] };
const ENTRIES_PER_FRAME = 256;

function* frames(state: SavedState): Generator<Buffer> {
  const { detector, ...header } = state;
  yield frame({ header });
  for (const [mapPath, map] of mapsIn(detector, [])) {
    let entries: [string, unknown][] = [];
    for (const entry of map) {
      entries.push(entry);
      if (entries.length === ENTRIES_PER_FRAME) {
        yield frame({ path: mapPath, entries });
        entries = [];
      }
    }
    // Also when empty, so the Map is there on load.
    yield frame({ path: mapPath, entries });
  }
}

function frame(value: Frame): Buffer {
  const body = serialize(value);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(body.length);
  return Buffer.concat([length, body]);
}

/** The Maps of a detector state (see detector-state.ts: plain objects whose leaves are Maps). */
function* mapsIn(node: unknown, at: string[]): Generator<[string[], Map<string, unknown>]> {
  if (node instanceof Map) {
    yield [at, node as Map<string, unknown>];
    return;
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) throw new DetectorStateError(`detector state at ${at.join('.') || 'its root'} is neither a Map nor an object of them`);
  for (const [name, child] of Object.entries(node)) yield* mapsIn(child, [...at, name]);
}

function mapAt(root: Record<string, unknown>, at: readonly string[]): Map<string, unknown> {
  if (at.length === 0) throw new Error('not a saved detector state');
  let node = root;
  for (const name of at.slice(0, -1)) node = (node[name] ??= {}) as Record<string, unknown>;
  const last = at[at.length - 1]!;
  return (node[last] ??= new Map()) as Map<string, unknown>;
}

/**
 * The layout of what a detector keeps: a fresh one shown one bucket of a key with two models
 * and a caller region, its snapshot described by type, field names and array lengths.
 */
export function stateShape(create: () => Detector): string {
  const probe = create();
  const usage = { requests: 2, inputTokens: 100, outputTokens: 10, costUsd: 0.02 };
  const half = { requests: 1, inputTokens: 50, outputTokens: 5, costUsd: 0.01 };
  const bucket: BucketObservation = {
    start: Date.UTC(2026, 0, 5, 12),
    index: 0,
    bucketSeconds: 60,
    timezone: 'UTC',
    keys: [{ key: 'probe', environment: 'production', monthlyBudgetUsd: null, ...usage, models: new Map([['a', half], ['b', half]]), regions: new Map([['DE', usage]]) }],
  };
  probe.observe(bucket);
  return shapeOf(probe.snapshot?.() ?? null);
}

function shapeOf(value: unknown): string {
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length})`;
  if (value instanceof Map) {
    const first = value.values().next();
    return `Map<${first.done ? '' : shapeOf(first.value)}>`;
  }
  if (Array.isArray(value)) return `[${value.length > 0 ? shapeOf(value[0]) : ''}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((name) => `${name}:${shapeOf(record[name])}`)
      .join(',')}}`;
  }
  return value === null ? 'null' : typeof value;
}
