import { mapsState } from '@/lib/detect/detector-state';
import type { Usage } from '@/lib/detect/eval/load-scenario';
import type { KeyObservation } from '@/lib/detect/eval/replay';
import type { LocalSlot } from './local-clock';
import { createBaseline, type BaselineRates } from './seasonal-baseline';
import { judgeSpike, LEARN_AUTO, LEARN_EXCLUDE, LEARN_INCLUDE, OUT_EXPECTED_USD, SPIKE_OUT_LENGTH, stepSpike } from './spike-core';
import type { SpikeSettings } from './spike-settings';

// The spike per key *and model*: each model a key uses against the model's own seasonal
// baseline, through the same core as the key's total. What it adds over the key's spike is
// a dear model burning inside a busy key: $2 an hour of a large model going to $25 while
// the key's cheap model moves $100 ± $10 an hour is 12x on the model and lost in the key's
// noise. A model's own series is also more jumpy than the key's, so a model spike is a
// finding only when it is
// - mature: the model has been in use for `memoryDays` (a week), so its hour-of-day
//   seasonality is known and its first days, its adoption, are not taken for its norm;
// - abrupt: cost above `ABRUPT_MULTIPLE` times the model's decayed peak of the last week,
//   so an adoption that grows day by day is learnt, not paged;
// - money: the key's total cost is up by at least half the model's excess, so traffic moved
//   from one model to another at flat cost (a migration, a fallback) does not page, and the
//   excess is at least `minExcessUsdPerHour`.
// A bucket that the core flags but these rules let through as normal is learnt, so the
// model's baseline follows its real use; a bucket the key's own spike flagged is not
// learnt by its models either. A key that has only ever used one model needs no second
// series: its model's is the key's, and is copied from it when a second model appears.

const ABRUPT_MULTIPLE = 2;
/** Minimum share of a model's excess cost that must show in the key's total. */
const KEY_SHARE = 0.5;

interface ModelSeries {
  state: Float64Array;
  firstUsedMs: number;
  /** Decayed peak of the model's cost per bucket over about a week. */
  peakUsd: number;
}

interface KeyModels {
  /** The key's only model so far, while it has one: its series is the key's. */
  only: { name: string; firstUsedMs: number } | null;
  series: Map<string, ModelSeries>;
  /** Decayed peak of the key's cost, handed to its first model's series. */
  peakUsd: number;
}

export interface ModelSpike {
  model: string;
  score: number;
  costUsd: number;
  expectedUsd: number;
  requests: number;
  tokens: number;
  keyCostUsd: number;
  keyExpectedUsd: number;
}

export function createModelSpikes(settings: SpikeSettings) {
  const keys = new Map<string, KeyModels>();
  const out = new Float64Array(SPIKE_OUT_LENGTH);
  const matureMs = settings.memoryDays * 86_400_000;

  return {
    ...mapsState({ keys }),
    /**
     * Before the key's own step: a key whose second model appears now gets its first
     * model's series, a copy of the key's baseline as it stands. True when the key has
     * model series to judge (`after`).
     */
    before(k: KeyObservation, keyState: Float64Array, atMs: number): boolean {
      let m = keys.get(k.key);
      if (!m) keys.set(k.key, (m = { only: null, series: new Map(), peakUsd: 0 }));
      if (k.models.size === 0) return m.series.size > 0;
      if (m.series.size === 0) {
        const names = [...k.models.keys()];
        if (!m.only && names.length === 1) m.only = { name: names[0]!, firstUsedMs: atMs };
        if (names.length === 1 && names[0] === m.only!.name) return false;
        if (m.only) m.series.set(m.only.name, { state: keyState.slice(), firstUsedMs: m.only.firstUsedMs, peakUsd: m.peakUsd });
        m.only = null;
      }
      for (const name of k.models.keys()) {
        if (!m.series.has(name)) m.series.set(name, { state: createBaseline(), firstUsedMs: atMs, peakUsd: 0 });
      }
      return true;
    },

    /**
     * After the key's bucket is judged (`keyOut` its evidence, `keyFlagged` whether it is
     * flagged), before the key learns it: steps every model series of the key and returns
     * the strongest model spike the rules above let through, or null.
     */
    after(k: KeyObservation, local: LocalSlot, atMs: number, r: BaselineRates, keyOut: Float64Array, keyFlagged: boolean): ModelSpike | null {
      const m = keys.get(k.key);
      if (!m || m.series.size === 0) return null;
      const decay = peakDecay(r.perHour);
      const keyExpectedUsd = keyOut[OUT_EXPECTED_USD]!;
      const minExcessUsd = settings.minExcessUsdPerHour / r.perHour;
      let best: ModelSpike | null = null;
      for (const [name, series] of m.series) {
        const u: Usage | undefined = k.models.get(name);
        const cost = u?.costUsd ?? 0;
        const requests = u?.requests ?? 0;
        const tokens = u ? u.inputTokens + u.outputTokens : 0;
        let spike: ModelSpike | null = null;
        if (!keyFlagged && requests > 0 && atMs - series.firstUsedMs >= matureMs) {
          const score = judgeSpike(series.state, local.hourOfWeek, local.hourOfDay, cost, requests, tokens, r, settings, out, false);
          const expectedUsd = out[OUT_EXPECTED_USD]!;
          const excess = cost - expectedUsd;
          if (
            score > 0 &&
            cost > ABRUPT_MULTIPLE * series.peakUsd &&
            excess >= minExcessUsd &&
            k.costUsd - keyExpectedUsd >= KEY_SHARE * excess
          ) {
            spike = { model: name, score, costUsd: cost, expectedUsd, requests, tokens, keyCostUsd: k.costUsd, keyExpectedUsd };
          }
        }
        // Learn: never the key's flagged buckets or what people excluded; a model spike in
        // the core's way (not learnt); anything else the rules passed as normal, in full.
        const mode = keyFlagged || k.baseline === 'exclude' ? LEARN_EXCLUDE : spike ? LEARN_AUTO : LEARN_INCLUDE;
        stepSpike(series.state, local.hourOfWeek, local.hourOfDay, cost, requests, tokens, r, settings, out, mode, false);
        if (!spike) series.peakUsd = Math.max(cost, series.peakUsd * decay);
        if (spike && (!best || spike.score > best.score)) best = spike;
      }
      return best;
    },

    /** After the key's own step: the peak its only model's series would start from. */
    learnt(k: KeyObservation, bucketSeconds: number): void {
      const m = keys.get(k.key);
      if (m && m.series.size === 0) m.peakUsd = Math.max(k.costUsd, m.peakUsd * peakDecay(3600 / bucketSeconds));
    },
  };
}

/** Per-bucket decay of a peak that fades over about a week. */
const peakDecay = (perHour: number) => 1 - 1 / (7 * 24 * perHour);
