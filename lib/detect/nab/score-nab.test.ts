import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NEVER_FIRES,
  PROFILE_NAMES,
  PROFILES,
  normalizeScore,
  optimizeThreshold,
  prepareCorpus,
  prepareFile,
  probationLength,
  scoreFile,
  scoreNab,
  type NabFile,
  type ProfileName,
} from './score-nab';

const STEP = 300_000;
const T0 = Date.UTC(2024, 0, 1);

/** A file of `rows` 5-minute rows with windows given as [first, last] row indices. */
function file(rows: number, windows: [number, number][], scoreAt: (i: number) => number, name = 'cat/f.csv'): NabFile {
  return {
    name,
    timestampMs: Float64Array.from({ length: rows }, (_, i) => T0 + i * STEP),
    scores: Float64Array.from({ length: rows }, (_, i) => scoreAt(i)),
    windows: windows.map(([a, b]) => ({ startMs: T0 + a * STEP, endMs: T0 + b * STEP })),
  };
}
const detectionsAt = (rows: number[]) => (i: number) => (rows.includes(i) ? 1 : 0);
const raw = (f: NabFile, profile: ProfileName = 'standard') => scoreFile(prepareFile(f), 0.5, PROFILES[profile]);

// 2 * sigmoid(-5p) - 1 at the positions used below, from CPython.
const LEFT_EDGE = 0.9866142981514305; // p = -1
const HALFWAY = 0.8482836399575131; // p = -0.5
const PAST_HALF = -0.8482836399575129; // p = 0.5
const PAST_2_3 = -0.9311096086675776; // p = 2/3
const PAST_1_25 = -0.996146530673345; // p = 1.25
const PAST_2 = -0.9999092042625951; // p = 2
const PAST_3 = -0.9999993881955461; // p = 3

describe('scoreFile: one file, detections at score 1, threshold 0.5', () => {
  // 20 rows: rows 0-2 are probation (floor(0.15 * 20)), the window is rows 10-14 (p = -1 .. 0).
  it.each<[string, number[], ProfileName, number]>([
    ['earliest detection at the left edge', [10], 'standard', LEFT_EDGE],
    ['earliest detection at the right edge', [14], 'standard', 0],
    ['earliest detection halfway', [12], 'standard', HALFWAY],
    ['only the earliest of several detections counts', [13, 10, 12], 'standard', LEFT_EDGE],
    ['a miss costs fnWeight', [], 'standard', -1],
    ['a miss under reward_low_FN_rate', [], 'reward_low_FN_rate', -2],
    ['a false positive before the first window costs fpWeight', [5], 'standard', -0.11 - 1],
    ['the same under reward_low_FP_rate', [5], 'reward_low_FP_rate', -0.22 - 1],
    ['a false positive half a window past the end', [16], 'standard', 0.11 * PAST_HALF - 1],
    ['a false positive 1.25 windows past the end', [19], 'standard', 0.11 * PAST_1_25 - 1],
    ['detections in probation are ignored', [0, 1, 2], 'standard', -1],
    ['a hit and a later false positive', [10, 16], 'standard', LEFT_EDGE + 0.11 * PAST_HALF],
  ])('%s', (_case, detections, profile, expected) => {
    expect(raw(file(20, [[10, 14]], detectionsAt(detections)), profile).score).toBeCloseTo(expected, 12);
  });

  // Windows at rows 8-9 (length 2, so one row past the end is p = 1) and 14-17.
  it.each<[string, number[], number]>([
    ['two rows past a two-row window (p = 2)', [11], 0.11 * PAST_2 - 2],
    ['at p = 3 the sigmoid still applies', [12], 0.11 * PAST_3 - 2],
    ['beyond p = 3 the full fpWeight', [13], -0.11 - 2],
    ['the closest preceding window sets the distance (p = 2/3)', [19], 0.11 * PAST_2_3 - 2],
    ['both windows hit at their left edges', [8, 14], 2 * LEFT_EDGE],
  ])('two windows: %s', (_case, detections, expected) => {
    expect(raw(file(20, [[8, 9], [14, 17]], detectionsAt(detections))).score).toBeCloseTo(expected, 12);
  });

  it('a one-row window scores its row at p = -2, and a row past it at p = 2', () => {
    expect(raw(file(20, [[10, 10]], detectionsAt([10]))).score).toBeCloseTo(-PAST_2, 12);
    expect(raw(file(20, [[10, 10]], detectionsAt([11]))).score).toBeCloseTo(0.11 * PAST_2 - 1, 12);
  });

  it('counts windows hit and missed and false-positive rows', () => {
    expect(raw(file(20, [[8, 9], [14, 17]], detectionsAt([1, 5, 9, 12, 13])))).toMatchObject({ tp: 1, fn: 1, fp: 3 });
  });

  it('finds window rows by time, so windows need not start on a row', () => {
    const f = file(20, [[10, 14]], detectionsAt([10]));
    const shifted = { ...f, windows: [{ startMs: T0 + 9.5 * STEP, endMs: T0 + 14.5 * STEP }] };
    expect(raw(shifted).score).toBeCloseTo(LEFT_EDGE, 12);
  });
});

describe('probationLength', () => {
  it.each([
    [20, 3],
    [4032, 604],
    [5000, 750],
    [22_695, 750],
  ])('%d rows -> %d', (rows, expected) => expect(probationLength(rows)).toBe(expected));
});

describe('optimizeThreshold and scoreNab', () => {
  // 40 rows (probation 6), window rows 20-24. A 0.95 false positive at row 10, the window's
  // first row at 0.9, a later window row at 0.5, everything else 0.1.
  const graded = file(40, [[20, 24]], (i) => ({ 10: 0.95, 20: 0.9, 22: 0.5 })[i] ?? 0.1);

  it('picks the threshold with the best summed score, keeping the higher one on ties', () => {
    // 0.95: -0.11 - 1; 0.9: -0.11 + LEFT_EDGE; 0.5 adds nothing (row 20 came first); 0.1: 28 more FPs.
    const best = optimizeThreshold(prepareCorpus([graded]), PROFILES.standard);
    expect(best.threshold).toBe(0.9);
    expect(best.raw).toBeCloseTo(LEFT_EDGE - 0.11, 12);
    const result = scoreNab([graded]);
    expect(result.profiles.standard).toMatchObject({ threshold: 0.9, tp: 1, fp: 1, fn: 0 });
    expect(result.profiles.standard.normalized).toBeCloseTo((100 * (LEFT_EDGE - 0.11 + 1)) / 2, 10);
    expect(result.profiles.reward_low_FP_rate.raw).toBeCloseTo(LEFT_EDGE - 0.22, 12);
    expect(result.perFile[0]).toMatchObject({ name: 'cat/f.csv', rows: 40, probation: 6, windows: 1 });
  });

  it('normalises the null detector to 0 and S_perfect to 100', () => {
    const corpus = [file(60, [[20, 24], [40, 44]], () => 0, 'a.csv'), file(60, [[30, 30]], () => 0, 'b.csv'), file(60, [], () => 0, 'c.csv')];
    const result = scoreNab(corpus);
    for (const name of PROFILE_NAMES) {
      expect(result.profiles[name]).toMatchObject({ threshold: NEVER_FIRES, raw: -3 * PROFILES[name].fnWeight, normalized: 0, tp: 0, fp: 0, fn: 3 });
      expect(normalizeScore(3 * PROFILES[name].tpWeight, 3, PROFILES[name])).toBe(100);
      expect(normalizeScore(-3 * PROFILES[name].fnWeight, 3, PROFILES[name])).toBe(0);
    }
  });

  it('gives a detector that fires only at each window start 99.33, the most the left-edge weight allows', () => {
    const starts = [20, 40];
    const result = scoreNab([file(60, [[20, 24], [40, 44]], (i) => (starts.includes(i) ? 1 : 0))]);
    expect(result.profiles.standard.normalized).toBeCloseTo(100 * (LEFT_EDGE + 1) / 2, 10);
    expect(result.profiles.reward_low_FN_rate.normalized).toBeCloseTo(100 * (LEFT_EDGE + 2) / 3, 10);
  });

  it('the sweep finds the same best score as scoring every candidate threshold', () => {
    const corpusArb = fc.array(
      fc.record({
        rows: fc.integer({ min: 8, max: 60 }),
        cuts: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { maxLength: 6 }),
        scores: fc.array(fc.constantFrom(0, 0.2, 0.5, 0.7, 0.9, 1), { minLength: 60, maxLength: 60 }),
      }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(corpusArb, (specs) => {
        const files = specs.map((s, k) => {
          const cuts = s.cuts.filter((c) => c < s.rows).sort((a, b) => a - b);
          const windows: [number, number][] = [];
          for (let j = 0; j + 1 < cuts.length; j += 2) windows.push([cuts[j]!, cuts[j + 1]!]);
          return file(s.rows, windows, (i) => s.scores[i]!, `f${k}.csv`);
        });
        if (files.every((f) => f.windows.length === 0)) return;
        const prepared = files.map(prepareFile);
        const candidates = [NEVER_FIRES, ...new Set(files.flatMap((f) => Array.from(f.scores)))];
        const result = scoreNab(files);
        for (const name of PROFILE_NAMES) {
          const totals = candidates.map((t) => prepared.reduce((sum, f) => sum + scoreFile(f, t, PROFILES[name]).score, 0));
          expect(result.profiles[name].raw).toBeCloseTo(Math.max(...totals), 9);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('rejects results the scorer cannot trust', () => {
  it.each<[string, NabFile, RegExp]>([
    ['a score above 1', file(20, [[10, 14]], () => 1.2), /row 1 has anomaly score 1.2/],
    ['a NaN score', file(20, [[10, 14]], () => Number.NaN), /scores must be in \[0, 1\]/],
    ['fewer scores than rows', { ...file(20, [[10, 14]], () => 0), scores: [0, 0] }, /2 scores for 20 rows/],
    ['a window between rows', { ...file(20, [], () => 0), windows: [{ startMs: T0 + 1.2 * STEP, endMs: T0 + 1.4 * STEP }] }, /holds no rows/],
    ['overlapping windows', file(20, [[5, 10], [8, 12]], () => 0), /overlap/],
  ])('%s', (_case, f, message) => {
    expect(() => scoreNab([f])).toThrow(message);
  });

  it('a corpus without windows', () => {
    expect(() => scoreNab([file(20, [], () => 0)])).toThrow(/no anomaly windows/);
  });
});
