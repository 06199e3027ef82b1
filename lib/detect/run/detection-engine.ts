import type { PrismaClient } from '@/generated/prisma/client';
import type { Detector } from '@/lib/detect/eval/replay';
import { createBurnrateDetector } from '@/lib/detect/kinds/detect-burnrate';
import type { OnIncidentChange } from '@/lib/incidents/incident-change';
import { DEFAULT_QUIET_SECONDS } from '@/lib/incidents/incident-rules';
import { recordFindings, type StoredFinding } from '@/lib/incidents/record-findings';
import { resolveQuietIncidents } from '@/lib/incidents/resolve-quiet';
import { logger } from '@/lib/log';
import { baselineOverrides, type BaselineOverrides } from './baseline-overrides';
import { readDetectCursor, readyThrough, writeDetectCursor } from './detect-cursor';
import { DETECT_BUCKET_SECONDS, loadObservations, watchedKeys, type WatchedKey } from './load-observations';

// The product's detection loop. The detectors keep their baselines in memory; after a
// restart, or when feedback changes what the baselines should have learnt, the engine
// rebuilds them by replaying the stored minute usage (the last `warmDays`) without
// recording anything, then carries on from the persisted cursor. Each run observes every
// complete minute since the cursor, records findings as incidents, and closes quiet ones.

const BUCKET_MS = DETECT_BUCKET_SECONDS * 1000;
const CHUNK_MS = 6 * 3_600_000;

export interface EngineOptions {
  timezone: string;
  /** How much stored minute usage rebuilds the baselines (minute buckets are kept 8 days). */
  warmDays?: number;
  quietSeconds?: number;
  createDetector?: () => Detector;
  onChange?: OnIncidentChange;
}

export interface DetectionRun {
  observedMinutes: number;
  findings: number;
  opened: number;
  absorbed: number;
  resolved: number;
  rebuilt: boolean;
  throughMs: number;
}

export function createDetectionEngine(options: EngineOptions) {
  const warmMs = (options.warmDays ?? 8) * 86_400_000;
  const create = options.createDetector ?? (() => createBurnrateDetector());
  let detector: Detector | null = null;
  let observedThrough = 0;
  let overrides: BaselineOverrides | null = null;
  const keys: WatchedKey[] = [];
  const known = new Map<string, number>();

  async function refreshKeys(db: PrismaClient) {
    // Keys keep their position for the engine's life: detectors may index state by it.
    // Settings (environment, working hours) refresh in place.
    for (const k of await watchedKeys(db)) {
      const at = known.get(k.id);
      if (at !== undefined) keys[at] = k;
      else {
        known.set(k.id, keys.length);
        keys.push(k);
      }
    }
  }

  async function observe(db: PrismaClient, fromMs: number, toMs: number, record: { now: number } | null) {
    const environments = new Map(keys.map((k) => [k.id, k.environment]));
    let findings = 0;
    let opened = 0;
    let absorbed = 0;
    for (let from = fromMs; from < toMs; from = Math.min(from + CHUNK_MS, toMs)) {
      const to = Math.min(from + CHUNK_MS, toMs);
      const found: StoredFinding[] = [];
      for (const bucket of await loadObservations(db, keys, from, to, options.timezone)) {
        overrides?.apply(bucket);
        for (const f of detector!.observe(bucket)) found.push({ ...f, keyId: f.key, environment: environments.get(f.key) ?? null, at: bucket.start });
      }
      observedThrough = to;
      findings += found.length;
      if (record) {
        const r = await recordFindings(db, found, { now: record.now, bucketSeconds: DETECT_BUCKET_SECONDS, quietSeconds: options.quietSeconds, onChange: options.onChange });
        opened += r.opened;
        absorbed += r.absorbed;
        await writeDetectCursor(db, to);
      }
    }
    return { findings, opened, absorbed };
  }

  return {
    async run(db: PrismaClient, now: number): Promise<DetectionRun> {
      await refreshKeys(db);
      const ready = await readyThrough(db, now);
      const stored = await readDetectCursor(db);
      const cursor = stored ?? ready - warmMs;
      const current = await baselineOverrides(db, DETECT_BUCKET_SECONDS);
      const rebuilt = !detector || !overrides || overrides.signature !== current.signature || observedThrough !== cursor;
      if (rebuilt) {
        detector = create();
        overrides = current;
        // A first run has nothing to rebuild: it records from a window back.
        const warmFrom = stored === null ? cursor : Math.min(cursor, ready) - warmMs;
        const started = performance.now();
        await observe(db, warmFrom, cursor, null);
        logger.info('detect_baselines_built', { keys: keys.length, minutes: Math.max(0, (cursor - warmFrom) / BUCKET_MS), ms: Math.round(performance.now() - started) });
      }
      const live = await observe(db, cursor, ready, { now });
      const { resolved } = await resolveQuietIncidents(db, { now, bucketSeconds: DETECT_BUCKET_SECONDS, quietSeconds: options.quietSeconds ?? DEFAULT_QUIET_SECONDS, onChange: options.onChange });
      return { observedMinutes: Math.max(0, (ready - cursor) / BUCKET_MS), ...live, resolved, rebuilt, throughMs: Math.max(ready, cursor) };
    },

    /**
     * Judges the minute still filling (ingested usage arrives as it happens) without
     * learning it, so a burst pages within seconds instead of after the minute; `run`
     * observes the same minute once it is complete, and its findings join the incident.
     */
    async peek(db: PrismaClient, now: number): Promise<{ opened: number; absorbed: number }> {
      const minute = Math.floor(now / BUCKET_MS) * BUCKET_MS;
      if (!detector?.peek || minute < observedThrough) return { opened: 0, absorbed: 0 };
      const [bucket] = await loadObservations(db, keys, minute, minute + BUCKET_MS, options.timezone);
      overrides?.apply(bucket!);
      const environments = new Map(keys.map((k) => [k.id, k.environment]));
      const found: StoredFinding[] = detector.peek(bucket!).map((f) => ({ ...f, keyId: f.key, environment: environments.get(f.key) ?? null, at: minute }));
      if (found.length === 0) return { opened: 0, absorbed: 0 };
      return recordFindings(db, found, { now, bucketSeconds: DETECT_BUCKET_SECONDS, quietSeconds: options.quietSeconds, onChange: options.onChange });
    },
  };
}

export type DetectionEngine = ReturnType<typeof createDetectionEngine>;
