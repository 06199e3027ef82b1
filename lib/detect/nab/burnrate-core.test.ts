import { describe, expect, it } from 'vitest';
import { burnrateCore } from './burnrate-core';
import { scoreSeries } from './detector-core';

const FIVE_MINUTES = 300_000;
const ROWS_PER_DAY = 288;

const run = (values: number[]) => [...scoreSeries(values, values.map((_, i) => i * FIVE_MINUTES), burnrateCore)];

/** Deterministic noise in [0, 1) (mulberry32), so tests never flake. */
function noise(rows: number, seed = 1): number[] {
  let state = seed;
  return Array.from({ length: rows }, () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  });
}

const maxOf = (scores: number[], from: number, to = scores.length) => Math.max(...scores.slice(from, to));

describe('burnrateCore', () => {
  it.each([
    ['flat', Array.from({ length: 1000 }, () => 45)],
    ['flat at zero', Array.from({ length: 1000 }, () => 0)],
    ['flat at a value with no exact binary form', Array.from({ length: 1000 }, () => 0.1)],
  ])('scores a %s series 0 on every row', (_, values) => {
    expect(run(values).every((s) => s === 0)).toBe(true);
  });

  it.each([
    ['noise', noise(1500)],
    ['a trend', noise(1500).map((x, i) => i + 10 * x)],
    ['huge spikes', noise(1500).map((x, i) => (i % 97 === 0 ? 1e9 : x))],
    ['a daily wave', noise(1500).map((x, i) => 50 + 30 * Math.sin((2 * Math.PI * i) / ROWS_PER_DAY) + x)],
    ['a flat start, then a step', Array.from({ length: 1500 }, (_, i) => (i < 600 ? 7 : 8))],
  ])('answers within [0, 1] on %s', (_, values) => {
    for (const s of run(values)) expect(s >= 0 && s <= 1).toBe(true);
  });

  it('learns for its first 150 rows without scoring them', () => {
    const values = noise(400).map((x, i) => (i === 100 ? 50 : x));
    expect(maxOf(run(values), 0, 151)).toBe(0);
  });

  it('is causal: a later row never changes an earlier score', () => {
    const values = noise(3000, 7).map((x, i) => 20 + 10 * Math.sin((2 * Math.PI * i) / ROWS_PER_DAY) + x + (i > 2000 ? 5 : 0));
    const full = run(values);
    for (const cut of [200, 1000, 2400]) expect(full.slice(0, cut)).toEqual(run(values.slice(0, cut)));
  });

  it('scores a clear spike far above the noise around it', () => {
    const values = noise(600).map((x, i) => (i === 400 ? 5 : x));
    const scores = run(values);
    expect(scores[400]).toBeGreaterThan(0.9);
    // Young noise still sets the odd small record; none comes near the spike. (The spike
    // lifts the 20-row mean too, so the rows right after it are not plain noise.)
    expect(Math.max(maxOf(scores, 0, 400), maxOf(scores, 421))).toBeLessThan(scores[400]! - 0.3);
  });

  it('scores a first move after a flat history close to 1', () => {
    const values = Array.from({ length: 600 }, (_, i) => (i < 500 ? 45 : 45.5));
    const scores = run(values);
    expect(scores[500]).toBeGreaterThan(0.99);
    expect(maxOf(scores, 0, 500)).toBe(0);
  });

  it('catches a level shift that no single row shows', () => {
    // Every row stays inside the range seen so far; only the 20-row mean leaves its own.
    const values = noise(900, 3).map((x, i) => (i >= 600 ? 0.5 + 0.5 * x : x));
    const scores = run(values);
    expect(maxOf(scores, 600, 640)).toBeGreaterThan(0.5);
    expect(maxOf(scores, 0, 600)).toBeLessThan(0.5);
  });

  it('catches a daily peak that does not come', () => {
    // Four days of a daily wave, then a day whose peak is missing: every value is ordinary,
    // only the day-over-day change is new.
    const day = (i: number) => Math.max(0, Math.sin((2 * Math.PI * i) / ROWS_PER_DAY));
    const values = noise(5 * ROWS_PER_DAY, 5).map((x, i) => 10 + (i >= 4 * ROWS_PER_DAY ? 0 : 20 * day(i)) + x);
    const scores = run(values);
    expect(maxOf(scores, 4 * ROWS_PER_DAY)).toBeGreaterThan(0.5);
    expect(maxOf(scores, 0, 4 * ROWS_PER_DAY)).toBeLessThan(0.5);
  });

  it('does not report one incident row after row', () => {
    // A run of ever higher spikes: the first is an alarm; those within the rest after it
    // score lower than it would have, though each is a new record.
    const values = noise(700).map((x, i) => (i >= 400 && i < 420 ? 2 + (i - 400) * 0.2 : x));
    const scores = run(values);
    expect(scores[400]).toBeGreaterThan(0.9);
    expect(maxOf(scores, 401, 420)).toBeLessThan(scores[400]!);
  });
});
