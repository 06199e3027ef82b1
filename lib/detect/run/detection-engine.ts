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
import { DETECT_BUCKET_SECONDS, loadHourlyObservations, loadObservations, usageCoverage, watchedKeys, type WatchedKey } from './load-observations';
import { savedBaselines } from './saved-baselines';

// The product's detection loop. The detectors keep their baselines in memory; after a
// restart, or when feedback changes what the baselines should have learnt, the engine
// rebuilds them by replaying stored usage without recording anything: `historyDays` of
// older hourly usage (each hour spread over its minutes), then the minutes (the last
// `warmDays`), then carries on from the persisted cursor. The first run records the last
// `warmDays` of minutes, against baselines warmed on the history before them, so a first
// start after a backfill knows each key's week and does not page for its Monday mornings.
// A rebuild works for at most `rebuildBudgetMs` a run and goes on in the next ones (the job
// runs each minute), so a large fleet's rebuild never outlives the job; nothing is recorded
// until it is done. Each run observes every complete minute since the cursor, records
// findings as incidents, and closes quiet ones.
// With a `statePath`, the engine saves what the detectors learnt every `saveEveryMs` of
// observed usage, and a restarted engine takes that back and replays only the minutes since
// (saved-baselines.ts, state-file.ts); the full rebuild remains for a missing or outdated
// file, and feedback.

const BUCKET_MS = DETECT_BUCKET_SECONDS * 1000;
const HOUR_MS = 3_600_000;
const CHUNK_MS = 6 * HOUR_MS;

export interface EngineOptions {
  timezone: string;
  /** How much stored minute usage rebuilds the baselines (minute buckets are kept 8 days). */
  warmDays?: number;
  /** Days of hourly usage before those minutes that warm the baselines first (two weeks: every hour of the week seen twice). */
  historyDays?: number;
  /** How long one run may spend rebuilding before it returns (the detect job expires after 15 minutes). */
  rebuildBudgetMs?: number;
  quietSeconds?: number;
  createDetector?: () => Detector;
  onChange?: OnIncidentChange;
  /** The file the baselines are saved to and taken back from after a restart; none: always rebuild. */
  statePath?: string;
  /** Observed usage between two saves. */
  saveEveryMs?: number;
}

export interface DetectionRun {
  observedMinutes: number;
  findings: number;
  opened: number;
  absorbed: number;
  resolved: number;
  rebuilt: boolean;
  /** The baselines were taken back from the saved state (only the minutes since were replayed). */
  restored: boolean;
  /** Still rebuilding the baselines: nothing was observed live. */
  rebuilding: boolean;
  throughMs: number;
}

/** A rebuild in progress: hours from `historyFrom`, minutes from `minutesFrom`, up to `cursor`; done up to `at`. */
type Rebuild = { historyFrom: number; minutesFrom: number; cursor: number; at: number; ms: number };

export function createDetectionEngine(options: EngineOptions) {
  const warmMs = (options.warmDays ?? 8) * 86_400_000;
  const historyMs = (options.historyDays ?? 14) * 86_400_000;
  const budgetMs = options.rebuildBudgetMs ?? 4 * 60_000;
  const create = options.createDetector ?? (() => createBurnrateDetector());
  const saved = savedBaselines({ statePath: options.statePath, saveEveryMs: options.saveEveryMs ?? 10 * 60_000, create });
  let detector: Detector | null = null;
  let observedThrough = 0;
  let overrides: BaselineOverrides | null = null;
  let rebuild: Rebuild | null = null;
  const keys: WatchedKey[] = [];
  const known = new Map<string, number>();
  /** Where each connection's stored usage begins, read when the baselines are rebuilt. */
  let coverage = new Map<string, number>();

  async function refreshKeys(db: PrismaClient) {
    // Keys keep their position for the engine's life: detectors may index state by it.
    // Settings (environment, working hours) refresh in place.
    for (const k of await watchedKeys(db)) {
      const since = Math.max(k.createdMs ?? -Infinity, coverage.get(k.connectionId ?? '') ?? -Infinity);
      if (Number.isFinite(since)) k.sinceMs = since;
      const at = known.get(k.id);
      if (at !== undefined) keys[at] = k;
      else {
        known.set(k.id, keys.length);
        keys.push(k);
      }
    }
  }

  /** Observes [fromMs, toMs) chunk by chunk: at least one, and no more once `deadline` (performance.now()) has passed. */
  async function observe(db: PrismaClient, fromMs: number, toMs: number, record: { now: number } | null, load = loadObservations, deadline = Infinity) {
    const environments = new Map(keys.map((k) => [k.id, k.environment]));
    let findings = 0;
    let opened = 0;
    let absorbed = 0;
    for (let from = fromMs; from < toMs && (from === fromMs || performance.now() < deadline); from = Math.min(from + CHUNK_MS, toMs)) {
      const to = Math.min(from + CHUNK_MS, toMs);
      const found: StoredFinding[] = [];
      for (const bucket of await load(db, keys, from, to, options.timezone)) {
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

  /** Learns the next stretch of a rebuild, for at most `budgetMs` (and at least one chunk); true once it is done. */
  async function advanceRebuild(db: PrismaClient, r: Rebuild): Promise<boolean> {
    const started = performance.now();
    do {
      const history = r.at < r.minutesFrom;
      const to = Math.min(r.at + CHUNK_MS, history ? r.minutesFrom : r.cursor);
      if (to > r.at) await observe(db, r.at, to, null, history ? loadHourlyObservations : loadObservations);
      r.at = Math.max(to, r.at);
    } while (r.at < r.cursor && performance.now() - started < budgetMs);
    r.ms += performance.now() - started;
    if (r.at < r.cursor) return false;
    observedThrough = r.cursor;
    rebuild = null;
    const minutes = (r.cursor - r.minutesFrom) / BUCKET_MS;
    logger.info('detect_baselines_built', { keys: keys.length, historyHours: (r.minutesFrom - r.historyFrom) / HOUR_MS, minutes, ms: Math.round(r.ms) });
    return true;
  }

  function closeQuiet(db: PrismaClient, now: number) {
    return resolveQuietIncidents(db, { now, bucketSeconds: DETECT_BUCKET_SECONDS, quietSeconds: options.quietSeconds ?? DEFAULT_QUIET_SECONDS, onChange: options.onChange });
  }

  return {
    async run(db: PrismaClient, now: number): Promise<DetectionRun> {
      await refreshKeys(db);
      const ready = await readyThrough(db, now);
      const stored = await readDetectCursor(db);
      // A first run records from a whole hour `warmDays` back, where minute buckets still are.
      const cursor = stored ?? ceilHour(ready - warmMs);
      const current = await baselineOverrides(db, DETECT_BUCKET_SECONDS);
      const stale = !detector || !overrides || overrides.signature !== current.signature || (rebuild ? rebuild.cursor !== cursor : observedThrough !== cursor);
      const rebuilt = stale || rebuild !== null;
      let restored = false;
      if (stale) {
        // A process starting may take back saved baselines; feedback changed mid-life may not.
        const starting = !detector;
        detector = create();
        overrides = current;
        coverage = await usageCoverage(db);
        await refreshKeys(db);
        // Minutes from a whole hour `warmDays` back (a first run records from there), hours before.
        const minutesFrom = stored === null ? cursor : ceilHour(Math.min(cursor, ready) - warmMs);
        saved.reset();
        let from: number | null = null;
        if (stored !== null && starting) {
          const back = await saved.restore(detector, { signature: current.signature, minutesFrom, cursor, knownKeys: known });
          if (back.throughMs === null && back.damaged) detector = create();
          from = back.throughMs;
        }
        restored = from !== null;
        rebuild = from !== null ? { historyFrom: from, minutesFrom: from, cursor, at: from, ms: 0 } : { historyFrom: minutesFrom - historyMs, minutesFrom, cursor, at: minutesFrom - historyMs, ms: 0 };
        // A first run's start stays put while its rebuild takes runs.
        if (stored === null) await writeDetectCursor(db, cursor);
      }
      if (rebuild && !(await advanceRebuild(db, rebuild))) {
        const { resolved } = await closeQuiet(db, now);
        return { observedMinutes: 0, findings: 0, opened: 0, absorbed: 0, resolved, rebuilt, restored, rebuilding: true, throughMs: cursor };
      }
      // Days of minutes at once (a first run) record for at most the budget too; the cursor
      // is written after each chunk, so the next run goes on from there.
      const live = await observe(db, cursor, ready, { now }, loadObservations, performance.now() + budgetMs);
      const through = Math.max(observedThrough, cursor);
      await saved.saveIfDue(detector!, { signature: overrides!.signature, observedThrough, keyIds: () => keys.map((k) => k.id) });
      const { resolved } = await closeQuiet(db, now);
      return { observedMinutes: Math.max(0, (through - cursor) / BUCKET_MS), ...live, resolved, rebuilt, restored, rebuilding: false, throughMs: through };
    },

    /**
     * Judges the minute still filling (ingested usage arrives as it happens) without
     * learning it, so a burst pages within seconds instead of after the minute; `run`
     * observes the same minute once it is complete, and its findings join the incident.
     */
    async peek(db: PrismaClient, now: number): Promise<{ opened: number; absorbed: number }> {
      const minute = Math.floor(now / BUCKET_MS) * BUCKET_MS;
      if (!detector?.peek || rebuild || minute < observedThrough) return { opened: 0, absorbed: 0 };
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

function ceilHour(ms: number): number {
  return Math.ceil(ms / HOUR_MS) * HOUR_MS;
}
