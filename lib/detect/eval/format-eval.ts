import type { ScenarioEvaluation } from './evaluate-scenario';
import type { Incident } from './group-incidents';
import type { LabelOutcome, Score } from './score';

// What `burnrate eval` prints: JSON shapes (times as ISO strings) and plain-text reports.

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null, digits = 2) => (x === null ? '-' : x.toFixed(digits));

export function incidentJson(i: Incident) {
  return { key: i.key, kind: i.kind, at: iso(i.at)!, severity: i.severity, summary: i.summary };
}

function outcomeJson(o: LabelOutcome) {
  return { ...o, start: iso(o.start), end: iso(o.end), detectedAt: iso(o.detectedAt) };
}

export function metricsJson(score: Score, withOutcomes = true) {
  const { outcomes, ...rest } = score;
  return withOutcomes ? { ...rest, outcomes: outcomes.map(outcomeJson) } : rest;
}

export function scenarioJson(e: ScenarioEvaluation) {
  return { incidents: e.incidents.map(incidentJson), ...(e.score ? { metrics: metricsJson(e.score) } : {}) };
}

export function metricsLine(s: Score): string {
  return [
    `recall ${pct(s.recall)} (${s.detected}/${s.labels})`,
    `precision ${pct(s.precision)} (${s.detecting}/${s.incidents})`,
    `false alerts ${num(s.falseAlertsPerKeyWeek)} per key-week after warm-up (${s.falseAlertsAfterWarmup} in ${num(s.keyWeeks, 1)} key-weeks)`,
    `median time to detect ${s.medianTimeToDetectSeconds === null ? '-' : `${s.medianTimeToDetectSeconds} s (${num(s.medianTimeToDetectBuckets, 1)} buckets)`}`,
    `kind accuracy ${pct(s.kindAccuracy)}`,
  ].join(' · ');
}

export function scenarioText(e: ScenarioEvaluation, detector: string): string {
  const lines = [`${e.name} · detector ${detector} · ${e.keys} keys · ${e.buckets} buckets of ${e.bucketSeconds} s · ${e.incidents.length} incidents`];
  for (const i of e.incidents) lines.push(`  ${iso(i.at)}  ${i.key}  ${i.kind.padEnd(12)} ${i.severity.padEnd(8)} ${i.summary}`);
  if (e.score) {
    lines.push('labels:');
    for (const o of e.score.outcomes) {
      const found = o.detectedAt === null ? 'missed' : `detected in ${o.timeToDetectSeconds} s${o.kindCorrect ? '' : ' (wrong kind)'}`;
      lines.push(`  ${iso(o.start)} .. ${iso(o.end)}  ${o.key}  ${o.kind.padEnd(12)} ${found}`);
    }
    lines.push(metricsLine(e.score));
  } else lines.push('no labels: nothing to score');
  return lines.join('\n');
}

export interface SuiteRow {
  evaluation: ScenarioEvaluation;
  subtle: boolean;
}

export function suiteText(rows: readonly SuiteRow[], totals: Score, subtle: Score | null, detector: string): string {
  const head = ['SCENARIO', 'BUCKET', 'KEYS', 'LABELS', 'FOUND', 'INCIDENTS', 'FALSE', 'RECALL', 'PRECISION', 'FA/KEY-WK', 'TTD(B)', 'KIND'];
  const line = (name: string, e: Pick<ScenarioEvaluation, 'bucketSeconds' | 'keys'> | null, s: Score | null) => [
    name,
    e ? `${e.bucketSeconds}s` : '',
    e ? String(e.keys) : '',
    String(s?.labels ?? '-'),
    String(s?.detected ?? '-'),
    String(s?.incidents ?? '-'),
    String(s?.falseAlertsAfterWarmup ?? '-'),
    pct(s?.recall ?? null),
    pct(s?.precision ?? null),
    num(s?.falseAlertsPerKeyWeek ?? null),
    num(s?.medianTimeToDetectBuckets ?? null, 1),
    pct(s?.kindAccuracy ?? null),
  ];
  const body = rows.map((r) => line(`${r.evaluation.name}${r.subtle ? ' *' : ''}`, r.evaluation, r.evaluation.score));
  const table = [head, ...body, line('TOTAL', null, totals), ...(subtle ? [line('TOTAL subtler *', null, subtle)] : [])];
  const widths = head.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const render = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [
    `detector ${detector} · ${rows.length} scenarios (* = subtler) · FALSE counts false alerts after warm-up · TTD in buckets`,
    ...table.map(render),
    '',
    `overall: ${metricsLine(totals)}`,
    ...(subtle ? [`subtler: recall ${pct(subtle.recall)} (${subtle.detected}/${subtle.labels})`] : []),
  ].join('\n');
}
