import { describe, expect, it } from 'vitest';
import { runHours, type Row } from '@/lib/detect/eval/observation-fixture';
import { createBurnrateDetector } from '@/lib/detect/kinds/detect-burnrate';
import { createSpikeDetector } from './detect-spike';

// The spike per key and model, through the spike detector: one key with a busy cheap model
// ('mini', ~$100 an hour with ±10% noise, a cent a request) and a small dear one ('large',
// ~$2 an hour, 20 cents a request). Hourly, UTC, five weeks; the leak is on day 31 (Wednesday 4 February), 14:00.

/** Deterministic noise in [-0.1, 0.1]. */
const noise = (i: number, salt = 0) => ((((i + salt) * 7919) % 101) / 100 - 0.5) * 0.2;
const mini = (usd: number): Row => ({ model: 'mini', requests: Math.round(usd * 100), costUsd: usd });
const large = (usd: number): Row => ({ model: 'large', requests: Math.round(usd * 5), costUsd: usd });

const WEEKS_5 = 35 * 24;
const LEAK = 30 * 24 + 14;

const run = (rows: (i: number) => Row[], hours = WEEKS_5) => runHours(createSpikeDetector(), hours, rows);
const busyMini = (i: number) => mini(100 * (1 + noise(i)));
const steadyLarge = (i: number) => large(2 * (1 + noise(i, 37)));

describe('spike per key and model', () => {
  it('finds a dear model burning inside a busy key whose total hides it', () => {
    // $23 more an hour on 'large' (12.5x) is +23% on the key: within the key's own noise.
    const found = run((i) => [busyMini(i), i === LEAK ? large(25) : steadyLarge(i)]);
    expect(found.map((x) => x.i)).toEqual([LEAK]);
    const { f } = found[0]!;
    const e = f.evidence as Record<string, number | string>;
    expect(f).toMatchObject({ key: 'k', kind: 'spike' });
    expect(e).toMatchObject({ spikedModel: 'large', observedUsd: 25, metric: 'cost' });
    expect(e.expectedUsd).toBeGreaterThan(1.5);
    expect(e.expectedUsd).toBeLessThan(2.5);
    expect(e.multiple).toBeGreaterThan(10);
    expect(e.keyObservedUsd).toBeGreaterThan(115);
    expect(f.summary).toMatch(/^large cost \$25\.00 at 2026-02-04 14:00 local vs expected \$\d\.\d\d for this model \(\d+\.\dx, score \d+\.\d\); key total \$\d+\.\d\d vs \$\d+\.\d\d$/);
  });

  it('the key alone would have missed it (what the model series adds)', () => {
    // The same hours as one model: the key's total, judged by the key's spike.
    const found = run((i) => [mini(100 * (1 + noise(i)) + (i === LEAK ? 25 : 2 * (1 + noise(i, 37))))]);
    expect(found).toEqual([]);
  });

  it.each([
    ['traffic moved to the dear model at flat total cost (a migration)', (i: number) => (i >= LEAK ? [mini(80 * (1 + noise(i))), large(22 * (1 + noise(i, 37)))] : [busyMini(i), steadyLarge(i)])],
    ['a new model in its first week, however it grows', (i: number) => [busyMini(i), ...(i >= 28 * 24 ? [large(i === LEAK ? 40 : 2 * (1 + noise(i, 37)))] : [])]],
    ['a model adopted over weeks, 15% more each day', (i: number) => [busyMini(i), large(Math.min(40, 0.5 * 1.15 ** Math.floor(i / 24)) * (1 + noise(i, 37)))]],
    ['a 12x model burst worth cents', (i: number) => [busyMini(i), large(i === LEAK ? 0.03 : 0.0025 * (1 + noise(i, 37)))]],
    ['a key with one model (its series is the key)', (i: number) => [busyMini(i)]],
  ])('does not page for %s', (_, rows) => {
    expect(run(rows)).toEqual([]);
  });

  it('a model burst is not learnt: the same burst a week later is found again', () => {
    const next = LEAK + 7 * 24;
    const found = run((i) => [busyMini(i), i === LEAK || i === next ? large(25) : steadyLarge(i)], WEEKS_5 + 7 * 24);
    expect(found.map((x) => x.i)).toEqual([LEAK, next]);
  });

  it('a key spike is one finding, not one per model', () => {
    const found = run((i) => [i === LEAK ? mini(1000) : busyMini(i), i === LEAK ? large(25) : steadyLarge(i)]);
    expect(found.map((x) => [x.i, (x.f.evidence as { spikedModel?: string }).spikedModel])).toEqual([[LEAK, undefined]]);
  });

  it('reaches on-call through the product detector (every kind) as a spike', () => {
    const found = runHours(createBurnrateDetector(), WEEKS_5, (i) => [busyMini(i), i === LEAK ? large(25) : steadyLarge(i)]);
    expect(found.map((x) => [x.i, x.f.kind, (x.f.evidence as { spikedModel?: string }).spikedModel])).toEqual([[LEAK, 'spike', 'large']]);
  });
});
