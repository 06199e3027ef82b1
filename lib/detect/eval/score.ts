// Scores incidents against a scenario's labels, exactly by ../shared/scenarios/README.md:
// - a label is detected when an incident on the same key has `at` in [start, end] (both ends);
// - time to detect = `at` of the earliest such incident + bucketSeconds - label start;
// - an incident that detects no label is false, unless it lies on the same key in the tail
//   of a label: `at` in (end, end + (end - start)], both ends of the tail included;
// - recall = detected labels / labels; precision = incidents that detect a label / incidents
//   (tail incidents are not false, but they do not detect either);
// - false alerts per key-week count only false incidents at or after warmupEnd, over the
//   keys x (end - warmupEnd) after warm-up;
// - kind accuracy = share of detected labels whose earliest matching incident has its kind.
// All times are epoch ms. Ratios with an empty denominator are null, not 0 or 1.

export interface ScoreLabel {
  key: string;
  kind: string;
  start: number;
  end: number;
}

export interface ScoreIncident {
  key: string;
  kind: string;
  at: number;
}

export interface ScoreSetup {
  bucketSeconds: number;
  warmupEnd: number;
  end: number;
  keyCount: number;
}

export interface LabelOutcome extends ScoreLabel {
  /** `at` of the earliest incident that detects it, or null. */
  detectedAt: number | null;
  timeToDetectSeconds: number | null;
  timeToDetectBuckets: number | null;
  /** Kind of that incident equals the label's; null when undetected. */
  kindCorrect: boolean | null;
}

export type IncidentVerdict = 'detects' | 'tail' | 'false';

export interface Counts {
  labels: number;
  detected: number;
  kindCorrect: number;
  incidents: number;
  detecting: number;
  tail: number;
  falseAlerts: number;
  falseAlertsAfterWarmup: number;
  keyWeeks: number;
}

export interface Score extends Counts {
  recall: number | null;
  precision: number | null;
  falseAlertsPerKeyWeek: number | null;
  medianTimeToDetectSeconds: number | null;
  medianTimeToDetectBuckets: number | null;
  kindAccuracy: number | null;
  outcomes: LabelOutcome[];
}

const WEEK_MS = 7 * 86_400_000;

export function judgeIncident(incident: ScoreIncident, labels: readonly ScoreLabel[]): IncidentVerdict {
  const same = labels.filter((l) => l.key === incident.key);
  if (same.some((l) => incident.at >= l.start && incident.at <= l.end)) return 'detects';
  if (same.some((l) => incident.at > l.end && incident.at <= l.end + (l.end - l.start))) return 'tail';
  return 'false';
}

export function labelOutcome(label: ScoreLabel, incidents: readonly ScoreIncident[], bucketSeconds: number): LabelOutcome {
  let first: ScoreIncident | undefined;
  for (const i of incidents) {
    if (i.key === label.key && i.at >= label.start && i.at <= label.end && (!first || i.at < first.at)) first = i;
  }
  if (!first) return { ...label, detectedAt: null, timeToDetectSeconds: null, timeToDetectBuckets: null, kindCorrect: null };
  const seconds = (first.at - label.start) / 1000 + bucketSeconds;
  return { ...label, detectedAt: first.at, timeToDetectSeconds: seconds, timeToDetectBuckets: seconds / bucketSeconds, kindCorrect: first.kind === label.kind };
}

export function scoreScenario(labels: readonly ScoreLabel[], incidents: readonly ScoreIncident[], setup: ScoreSetup): Score {
  const outcomes = labels.map((l) => labelOutcome(l, incidents, setup.bucketSeconds));
  const verdicts = incidents.map((i) => judgeIncident(i, labels));
  const counts: Counts = {
    labels: labels.length,
    detected: outcomes.filter((o) => o.detectedAt !== null).length,
    kindCorrect: outcomes.filter((o) => o.kindCorrect === true).length,
    incidents: incidents.length,
    detecting: verdicts.filter((v) => v === 'detects').length,
    tail: verdicts.filter((v) => v === 'tail').length,
    falseAlerts: verdicts.filter((v) => v === 'false').length,
    falseAlertsAfterWarmup: verdicts.filter((v, i) => v === 'false' && incidents[i]!.at >= setup.warmupEnd).length,
    keyWeeks: (setup.keyCount * Math.max(0, setup.end - setup.warmupEnd)) / WEEK_MS,
  };
  return summarize(counts, outcomes);
}

/** Pools several scenarios' scores: counts add up, medians are over all detected labels. */
export function combineScores(scores: readonly Score[]): Score {
  const counts: Counts = { labels: 0, detected: 0, kindCorrect: 0, incidents: 0, detecting: 0, tail: 0, falseAlerts: 0, falseAlertsAfterWarmup: 0, keyWeeks: 0 };
  for (const s of scores) for (const k of Object.keys(counts) as (keyof Counts)[]) counts[k] += s[k];
  return summarize(
    counts,
    scores.flatMap((s) => s.outcomes),
  );
}

function summarize(c: Counts, outcomes: LabelOutcome[]): Score {
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    ...c,
    recall: ratio(c.detected, c.labels),
    precision: ratio(c.detecting, c.incidents),
    falseAlertsPerKeyWeek: ratio(c.falseAlertsAfterWarmup, c.keyWeeks),
    medianTimeToDetectSeconds: median(outcomes.flatMap((o) => (o.timeToDetectSeconds === null ? [] : [o.timeToDetectSeconds]))),
    medianTimeToDetectBuckets: median(outcomes.flatMap((o) => (o.timeToDetectBuckets === null ? [] : [o.timeToDetectBuckets]))),
    kindAccuracy: ratio(c.kindCorrect, c.detected),
    outcomes,
  };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
