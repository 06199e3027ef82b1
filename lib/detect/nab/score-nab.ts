import type { Window } from './read-series';

// NAB scoring as restated in ../shared/data/nab-dev/README.md (NAB's scorer.py): probation,
// earliest detection per window weighted by a scaled sigmoid, false positives weighted by
// their distance past the preceding window, one threshold per profile over the whole
// corpus, normalised between the null detector (0) and S_perfect (100). Pure.

export const PROFILE_NAMES = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];
export type CostProfile = { tpWeight: number; fpWeight: number; fnWeight: number };

export const PROFILES: Record<ProfileName, CostProfile> = {
  standard: { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 },
  reward_low_FP_rate: { tpWeight: 1, fpWeight: 0.22, fnWeight: 1 },
  reward_low_FN_rate: { tpWeight: 1, fpWeight: 0.11, fnWeight: 2 },
};

/** Above every score in [0, 1]: the threshold at which a detector never fires (NAB's 1.1). */
export const NEVER_FIRES = 1.1;

export type NabFile = { name: string; timestampMs: ArrayLike<number>; scores: ArrayLike<number>; windows: readonly Window[] };

export type Counts = { tp: number; fp: number; fn: number };
export type FileScore = Counts & { score: number };
export type ProfileResult = Counts & { threshold: number; raw: number; normalized: number; nullScore: number; perfectScore: number };
export type FileResult = { name: string; rows: number; probation: number; windows: number; profiles: Record<ProfileName, FileScore> };
export type NabResult = { files: number; windows: number; profiles: Record<ProfileName, ProfileResult>; perFile: FileResult[] };

const PROBATION = -2;
const OUTSIDE = -1;

/** Rows at the start of a file that are never scored. */
export function probationLength(rows: number): number {
  return Math.min(Math.floor(0.15 * rows), 750);
}

/** 2 * sigmoid(-5p) - 1: +0.987 at p = -1 (a window's first row), 0 at p = 0, -1 beyond p = 3. */
export function scaledSigmoid(p: number): number {
  if (p > 3) return -1;
  if (p < -3) return 1;
  return 2 / (1 + Math.exp(5 * p)) - 1;
}

/** A file with each row's role worked out once: which window it is in, and its sigmoid weight. */
export type PreparedFile = {
  name: string;
  scores: ArrayLike<number>;
  probation: number;
  windowCount: number;
  /** Window index in this file, OUTSIDE (-1) for a would-be false positive, PROBATION (-2). */
  windowOf: Int32Array;
  /** In a window: the true-positive sigmoid; outside: the false-positive sigmoid (<= 0). */
  weight: Float64Array;
};

export function prepareFile(file: NabFile): PreparedFile {
  const { name, timestampMs: ts, scores } = file;
  const n = scores.length;
  if (ts.length !== n) throw new Error(`${name}: ${n} scores for ${ts.length} rows; results must have the data's rows, in order`);
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (!(s >= 0 && s <= 1)) throw new Error(`${name}: row ${i + 1} has anomaly score ${s}; scores must be in [0, 1]`);
  }

  const windows = [...file.windows].sort((a, b) => a.startMs - b.startMs);
  const ranges = windows.map((w) => {
    let first = 0;
    while (first < n && ts[first]! < w.startMs) first++;
    let last = first - 1;
    while (last + 1 < n && ts[last + 1]! <= w.endMs) last++;
    if (last < first) throw new Error(`${name}: window ${new Date(w.startMs).toISOString()} .. ${new Date(w.endMs).toISOString()} holds no rows`);
    return { first, last, length: last - first + 1 };
  });
  ranges.forEach((r, k) => {
    if (k > 0 && r.first <= ranges[k - 1]!.last) throw new Error(`${name}: windows ${k} and ${k + 1} overlap`);
  });

  const probation = probationLength(n);
  const windowOf = new Int32Array(n);
  const weight = new Float64Array(n);
  let k = 0; // the first window not yet ended at row i
  for (let i = 0; i < n; i++) {
    while (k < ranges.length && ranges[k]!.last < i) k++;
    const current = ranges[k];
    if (current && current.first <= i) {
      windowOf[i] = k;
      // A one-row window has no span; scorer.py gives its row -2 (weight ~1).
      weight[i] = scaledSigmoid(current.length <= 1 ? -2 : -(current.last - i) / (current.length - 1));
    } else {
      windowOf[i] = OUTSIDE;
      const previous = ranges[k - 1];
      weight[i] = previous ? scaledSigmoid(previous.length <= 1 ? 2 : (i - previous.last) / (previous.length - 1)) : -1;
    }
    if (i < probation) windowOf[i] = PROBATION;
  }
  return { name, scores, probation, windowCount: ranges.length, windowOf, weight };
}

/** The file's raw score when every row with score >= threshold is a detection. */
export function scoreFile(file: PreparedFile, threshold: number, profile: CostProfile): FileScore {
  const earliest = new Float64Array(file.windowCount).fill(Number.NaN);
  let fpScore = 0;
  let fp = 0;
  for (let i = file.probation; i < file.scores.length; i++) {
    if (file.scores[i]! < threshold) continue;
    const w = file.windowOf[i]!;
    if (w === OUTSIDE) {
      fpScore += file.weight[i]! * profile.fpWeight;
      fp++;
    } else if (w >= 0 && Number.isNaN(earliest[w]!)) earliest[w] = file.weight[i]!;
  }
  let score = fpScore;
  let tp = 0;
  for (const e of earliest) {
    if (Number.isNaN(e)) score -= profile.fnWeight;
    else {
      score += e * profile.tpWeight;
      tp++;
    }
  }
  return { score, tp, fp, fn: file.windowCount - tp };
}

/** Every scorable row of the corpus, highest score first, for the threshold sweep. */
export type PreparedCorpus = { files: PreparedFile[]; windows: number; score: Float64Array; window: Int32Array; weight: Float64Array };

export function prepareCorpus(nabFiles: readonly NabFile[]): PreparedCorpus {
  const files = nabFiles.map(prepareFile);
  const score: number[] = [];
  const window: number[] = [];
  const weight: number[] = [];
  let windowBase = 0;
  for (const f of files) {
    for (let i = f.probation; i < f.scores.length; i++) {
      const w = f.windowOf[i]!;
      score.push(f.scores[i]!);
      window.push(w === OUTSIDE ? OUTSIDE : windowBase + w);
      weight.push(f.weight[i]!);
    }
    windowBase += f.windowCount;
  }
  const order = Uint32Array.from(score.keys()).sort((a, b) => score[b]! - score[a]!);
  return {
    files,
    windows: windowBase,
    score: Float64Array.from(order, (j) => score[j]!),
    window: Int32Array.from(order, (j) => window[j]!),
    weight: Float64Array.from(order, (j) => weight[j]!),
  };
}

/**
 * The single threshold that maximises the corpus's summed raw score. One pass from the
 * highest score down: lowering the threshold past a score turns those rows into
 * detections, which can only add false positives or make a window's earliest detection
 * earlier. Ties keep the higher threshold; NEVER_FIRES is a candidate.
 */
export function optimizeThreshold(corpus: PreparedCorpus, profile: CostProfile): { threshold: number; raw: number } {
  const earliest = new Float64Array(corpus.windows).fill(Number.NaN);
  let total = -profile.fnWeight * corpus.windows;
  let best = { threshold: NEVER_FIRES, raw: total };
  const { score, window, weight } = corpus;
  let i = 0;
  while (i < score.length) {
    const threshold = score[i]!;
    for (; i < score.length && score[i] === threshold; i++) {
      const w = window[i]!;
      if (w === OUTSIDE) total += weight[i]! * profile.fpWeight;
      else {
        const tp = weight[i]! * profile.tpWeight;
        const was = earliest[w]!;
        if (Number.isNaN(was)) total += tp + profile.fnWeight;
        else if (tp > was) total += tp - was;
        if (Number.isNaN(was) || tp > was) earliest[w] = tp;
      }
    }
    if (total > best.raw + 1e-12) best = { threshold, raw: total };
  }
  return best;
}

/** 100 * (S - S_null) / (S_perfect - S_null), S_perfect = windows * tpWeight, S_null = -windows * fnWeight. */
export function normalizeScore(raw: number, windows: number, profile: CostProfile): number {
  const perfect = windows * profile.tpWeight;
  const none = -windows * profile.fnWeight;
  return (100 * (raw - none)) / (perfect - none);
}

export function scoreNab(nabFiles: readonly NabFile[], profiles: Record<ProfileName, CostProfile> = PROFILES): NabResult {
  const corpus = prepareCorpus(nabFiles);
  if (corpus.windows === 0) throw new Error('the corpus has no anomaly windows; NAB normalises against them, so at least one is needed');
  const perFile: FileResult[] = corpus.files.map((f) => ({
    name: f.name,
    rows: f.scores.length,
    probation: f.probation,
    windows: f.windowCount,
    profiles: {} as Record<ProfileName, FileScore>,
  }));
  const results = {} as Record<ProfileName, ProfileResult>;
  for (const name of PROFILE_NAMES) {
    const profile = profiles[name];
    const { threshold } = optimizeThreshold(corpus, profile);
    const totals = { raw: 0, tp: 0, fp: 0, fn: 0 };
    corpus.files.forEach((f, j) => {
      const s = scoreFile(f, threshold, profile);
      perFile[j]!.profiles[name] = s;
      totals.raw += s.score;
      totals.tp += s.tp;
      totals.fp += s.fp;
      totals.fn += s.fn;
    });
    results[name] = {
      ...totals,
      threshold,
      normalized: normalizeScore(totals.raw, corpus.windows, profile),
      nullScore: -corpus.windows * profile.fnWeight,
      perfectScore: corpus.windows * profile.tpWeight,
    };
  }
  return { files: corpus.files.length, windows: corpus.windows, profiles: results, perFile };
}
