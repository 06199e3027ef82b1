import { DetectorStateError, mapsState, type DetectorState } from '@/lib/detect/detector-state';
import type { Usage } from '@/lib/detect/eval/load-scenario';
import type { Finding, Severity } from '@/lib/detect/eval/finding';
import type { BucketObservation, Detector, KeyObservation } from '@/lib/detect/eval/replay';
import { createLocalClock, type LocalSlot } from './local-clock';
import { createModelSpikes, type ModelSpike } from './model-spike';
import { METRIC_REQUESTS, METRIC_TOKENS, TIER_DAY_TYPE, TIER_NAMES, baselineRates, createBaseline, type BaselineRates } from './seasonal-baseline';
import { judgeSpike, LEARN_AUTO, LEARN_EXCLUDE, LEARN_INCLUDE, OUT_EXPECTED_REQUESTS, OUT_EXPECTED_TOKENS, OUT_EXPECTED_USD, OUT_METRIC, OUT_TIER, SPIKE_OUT_LENGTH, stepSpike } from './spike-core';
import { DEFAULT_SPIKE_SETTINGS, type SpikeSettings } from './spike-settings';

// Spike detector (kind 'spike'): each key's requests, cost and tokens of each bucket against
// a seasonal, robust baseline of the key's own past, through the one per-bucket core
// (spike-core.ts, which says when a bucket is flagged). This file only keeps a baseline per
// key, finds the local hour, and turns a flagged bucket into a finding a human can act on.
// Pure: time and zone come with the bucket, settings with the factory.

export function createSpikeDetector(overrides: Partial<SpikeSettings> = {}): Detector {
  const settings: SpikeSettings = { ...DEFAULT_SPIKE_SETTINGS, ...overrides };
  const baselines = new Map<string, Float64Array>();
  const clocks = new Map<string, (epochMs: number) => LocalSlot>();
  const rates = new Map<number, BaselineRates>();
  const out = new Float64Array(SPIKE_OUT_LENGTH);
  const models = createModelSpikes(settings);
  const own = mapsState({ baselines });
  const contextOf = (bucket: BucketObservation) => {
    let clock = clocks.get(bucket.timezone);
    if (!clock) clocks.set(bucket.timezone, (clock = createLocalClock(bucket.timezone)));
    let r = rates.get(bucket.bucketSeconds);
    if (!r) rates.set(bucket.bucketSeconds, (r = baselineRates(settings, bucket.bucketSeconds)));
    return { local: clock(bucket.start), r };
  };
  return {
    name: 'robust-spike',
    snapshot: () => ({ ...own.snapshot(), models: models.snapshot() }),
    restore(state) {
      if (typeof state.models !== 'object' || state.models === null) throw new DetectorStateError('detector state has no models');
      own.restore(state);
      models.restore(state.models as DetectorState);
    },
    observe(bucket) {
      const { local, r } = contextOf(bucket);
      const findings: Finding[] = [];
      for (const k of bucket.keys) {
        let state = baselines.get(k.key);
        if (!state) baselines.set(k.key, (state = createBaseline()));
        const tokens = k.inputTokens + k.outputTokens;
        const learnMode = k.baseline === 'exclude' ? LEARN_EXCLUDE : k.baseline === 'include' ? LEARN_INCLUDE : LEARN_AUTO;
        // A key with several models: its models are judged against the key's expectation
        // first, and a bucket one of them burns in is not learnt by the key either.
        let modelSpike: ModelSpike | null = null;
        if (models.before(k, state, bucket.start)) {
          const keyFlagged = judgeSpike(state, local.hourOfWeek, local.hourOfDay, k.costUsd, k.requests, tokens, r, settings, out, false) > 0;
          modelSpike = models.after(k, local, bucket.start, r, out, keyFlagged);
        }
        const score = stepSpike(state, local.hourOfWeek, local.hourOfDay, k.costUsd, k.requests, tokens, r, settings, out, modelSpike ? LEARN_EXCLUDE : learnMode, false);
        models.learnt(k, bucket.bucketSeconds);
        if (score > 0) findings.push(toFinding(k, tokens, score, out, local, bucket.bucketSeconds, settings));
        if (modelSpike) findings.push(toModelFinding(k, modelSpike, local, bucket.bucketSeconds, settings));
      }
      return findings;
    },
    peek(bucket) {
      const { local, r } = contextOf(bucket);
      const findings: Finding[] = [];
      for (const k of bucket.keys) {
        const state = baselines.get(k.key);
        if (!state || k.requests <= 0) continue;
        const tokens = k.inputTokens + k.outputTokens;
        const score = judgeSpike(state, local.hourOfWeek, local.hourOfDay, k.costUsd, k.requests, tokens, r, settings, out);
        if (score > 0) findings.push(toFinding(k, tokens, score, out, local, bucket.bucketSeconds, settings));
      }
      return findings;
    },
  };
}

const METRIC_NAMES = ['cost', 'requests', 'tokens'] as const;

function toFinding(k: KeyObservation, tokens: number, score: number, out: Float64Array, local: LocalSlot, bucketSeconds: number, s: SpikeSettings): Finding {
  const expectedUsd = out[OUT_EXPECTED_USD]!;
  const multiple = expectedUsd > 0 ? k.costUsd / expectedUsd : Infinity;
  const times = Number.isFinite(multiple) ? `${multiple.toFixed(1)}x` : 'from zero';
  const metric = METRIC_NAMES[out[OUT_METRIC]!] ?? 'cost';
  const models = top(k.models);
  const regions = top(k.regions);
  const by = out[OUT_METRIC] === METRIC_REQUESTS ? `, ${k.requests} requests vs ${out[OUT_EXPECTED_REQUESTS]!.toFixed(0)}` : out[OUT_METRIC] === METRIC_TOKENS ? `, ${tokens} tokens vs ${out[OUT_EXPECTED_TOKENS]!.toFixed(0)}` : '';
  const mostly = models[0] ? `, mostly ${models[0].name}${regions[0] ? ` from ${regions[0].name}` : ''}` : '';
  return {
    key: k.key,
    kind: 'spike',
    severity: severityOf(score, multiple, ((k.costUsd - expectedUsd) * 3600) / bucketSeconds, s),
    summary: `cost $${k.costUsd.toFixed(2)} at ${local.localTime} local vs expected $${expectedUsd.toFixed(2)} (${times}, score ${score.toFixed(1)})${by}${mostly}`,
    evidence: {
      observedUsd: k.costUsd,
      expectedUsd,
      multiple,
      score,
      requests: k.requests,
      expectedRequests: out[OUT_EXPECTED_REQUESTS],
      tokens,
      expectedTokens: out[OUT_EXPECTED_TOKENS],
      metric,
      baseline: baselineName(out[OUT_TIER]!, local),
      localTime: local.localTime,
      hourOfWeek: local.hourOfWeek,
      models,
      regions,
    },
  };
}

/** Which of the key's baselines judged: the day-type tier says which kind of day (Saturday and Sunday are the weekend). */
function baselineName(tier: number, local: LocalSlot): string {
  if (tier === TIER_DAY_TYPE) return local.hourOfWeek >= 5 * 24 ? 'weekend_hour' : 'weekday_hour';
  return TIER_NAMES[tier] ?? 'none';
}

/** A model burning inside a key whose total hides it (model-spike.ts). */
function toModelFinding(k: KeyObservation, m: ModelSpike, local: LocalSlot, bucketSeconds: number, s: SpikeSettings): Finding {
  const multiple = m.expectedUsd > 0 ? m.costUsd / m.expectedUsd : Infinity;
  const times = Number.isFinite(multiple) ? `${multiple.toFixed(1)}x` : 'from zero';
  const regions = top(k.regions);
  return {
    key: k.key,
    kind: 'spike',
    severity: severityOf(m.score, multiple, ((m.costUsd - m.expectedUsd) * 3600) / bucketSeconds, s),
    summary: `${m.model} cost $${m.costUsd.toFixed(2)} at ${local.localTime} local vs expected $${m.expectedUsd.toFixed(2)} for this model (${times}, score ${m.score.toFixed(1)}); key total $${m.keyCostUsd.toFixed(2)} vs $${m.keyExpectedUsd.toFixed(2)}`,
    evidence: {
      observedUsd: m.costUsd,
      expectedUsd: m.expectedUsd,
      multiple,
      score: m.score,
      requests: m.requests,
      tokens: m.tokens,
      metric: 'cost',
      spikedModel: m.model,
      keyObservedUsd: m.keyCostUsd,
      keyExpectedUsd: m.keyExpectedUsd,
      localTime: local.localTime,
      hourOfWeek: local.hourOfWeek,
      models: top(k.models),
      regions,
    },
  };
}

/** The bucket's top three models or regions by cost, then requests. */
function top(usage: ReadonlyMap<string, Usage>): { name: string; costUsd: number; requests: number }[] {
  return [...usage]
    .map(([name, u]) => ({ name, costUsd: u.costUsd, requests: u.requests }))
    .sort((a, b) => b.costUsd - a.costUsd || b.requests - a.requests)
    .slice(0, 3);
}

/**
 * How loud: how sure (score), how far out (multiple) and how much money. A wild multiple on
 * a cheap key is an error to look at, not a critical page: critical needs the excess to run
 * at 20x the "no page for cents" floor per hour, error at 4x.
 */
function severityOf(score: number, multiple: number, excessUsdPerHour: number, s: SpikeSettings): Severity {
  if (score >= 4 * s.zThreshold && multiple >= 10 && excessUsdPerHour >= 20 * s.minExcessUsdPerHour) return 'critical';
  return score >= 2 * s.zThreshold && excessUsdPerHour >= 4 * s.minExcessUsdPerHour ? 'error' : 'warning';
}
