import type { BenchKey } from './bench-keys';
import type { Prng } from './prng';

// Events as a gateway sends them to POST /api/ingest/events: one per LLM request, each with
// the sender's id, a recent timestamp, the key by provider key id (sometimes by name), a
// caller country and a reported cost in whole micro-dollars, so the stored cost can be
// checked exactly.

export type BenchEvent = {
  id: string;
  timestamp: number;
  key: string;
  provider: 'openai' | 'anthropic';
  model: string;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  costUsd: number;
  country?: string;
};

export type EventTotals = { events: number; inputTokens: number; cachedInputTokens: number; cacheWriteTokens: number; outputTokens: number; costMicros: number };

export const emptyTotals = (): EventTotals => ({ events: 0, inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0, costMicros: 0 });

const SPREAD_MS = 50 * 60_000; // events from the last 50 minutes: well inside the 7-day window

export function makeEvent(prng: Prng, keys: BenchKey[], id: string, now: number): BenchEvent {
  const key = prng.pick(keys);
  const inputTokens = Math.round(prng.logNormal(900, 1));
  const outputTokens = Math.round(prng.logNormal(250, 0.8));
  const cachedInputTokens = prng.chance(0.4) ? Math.round(inputTokens * 0.6 * prng.next()) : 0;
  const cacheWriteTokens = key.provider === 'anthropic' && prng.chance(0.3) ? Math.round(inputTokens * 0.2 * prng.next()) : 0;
  const costMicros = Math.max(1, Math.round((inputTokens * 2 + outputTokens * 8 + cachedInputTokens * 0.5) / 1000 * (1 + prng.next())));
  const region = prng.pick(key.regions);
  return {
    id,
    timestamp: now - Math.floor(prng.next() * SPREAD_MS),
    key: prng.chance(0.1) ? key.name : key.providerKeyId,
    provider: key.provider,
    model: prng.pick(key.models),
    inputTokens,
    cachedInputTokens,
    cacheWriteTokens,
    outputTokens,
    costUsd: costMicros / 1e6,
    ...(region ? { country: region } : {}),
  };
}

export function addTotals(into: EventTotals, events: BenchEvent[]): void {
  for (const e of events) {
    into.events += 1;
    into.inputTokens += e.inputTokens;
    into.cachedInputTokens += e.cachedInputTokens;
    into.cacheWriteTokens += e.cacheWriteTokens;
    into.outputTokens += e.outputTokens;
    into.costMicros += Math.round(e.costUsd * 1e6);
  }
}
