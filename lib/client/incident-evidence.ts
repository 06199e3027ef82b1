import { evidenceLabel, formatEvidenceValue } from '@/lib/client/incident-evidence-fields';
import { kindLabel } from '@/lib/client/incident-labels';

// Evidence is whatever the detector stored (a JSON column). The fields the incident page
// knows are picked out one by one, so an odd value costs that field and never the page;
// everything else is listed as label and value.

export type Breakdown = { name: string; costUsd: number | null; requests: number | null; pastShare: number | null };

export type Comparison = {
  observedUsd: number | null;
  expectedUsd: number | null;
  /** observed / expected; null when it cannot be computed (detectors store Infinity as null). */
  multiple: number | null;
  score: number | null;
  requests: number | null;
  expectedRequests: number | null;
  localTime: string | null;
};

export type BudgetStanding = {
  monthToDateUsd: number | null;
  budgetUsd: number | null;
  /** Of budgetUsd, 0..100 and beyond. */
  percent: number | null;
  forecastUsd: number | null;
  forecastLowUsd: number | null;
  forecastHighUsd: number | null;
  projectedCrossingAt: string | null;
  periodStart: string | null;
  periodEnd: string | null;
};

export type EvidenceField = { key: string; label: string; value: string };

export type EvidenceView = {
  comparison: Comparison | null;
  budget: BudgetStanding | null;
  models: Breakdown[];
  regions: Breakdown[];
  alsoFound: { kind: string; summary: string }[];
  other: EvidenceField[];
};

const COMPARISON_KEYS = ['observedUsd', 'expectedUsd', 'multiple', 'score', 'requests', 'expectedRequests', 'localTime'] as const;
const BUDGET_KEYS = [
  'monthToDateUsd',
  'budgetUsd',
  'percent',
  'forecastUsd',
  'forecastLowUsd',
  'forecastHighUsd',
  'projectedCrossingAt',
  'periodStart',
  'periodEnd',
] as const;
// Shown elsewhere (breakdown tables, "also found") or internal to alert routing.
const CONSUMED_KEYS = new Set<string>([...COMPARISON_KEYS, ...BUDGET_KEYS, 'models', 'regions', 'model', 'alsoFound', 'dedupKey']);

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function toEvidenceView(evidence: Record<string, unknown>): EvidenceView {
  const e = evidence;
  const comparison: Comparison = {
    observedUsd: num(e.observedUsd),
    expectedUsd: num(e.expectedUsd),
    multiple: num(e.multiple),
    score: num(e.score),
    requests: num(e.requests),
    expectedRequests: num(e.expectedRequests),
    localTime: str(e.localTime),
  };
  const budget: BudgetStanding = {
    monthToDateUsd: num(e.monthToDateUsd),
    budgetUsd: num(e.budgetUsd),
    percent: num(e.percent),
    forecastUsd: num(e.forecastUsd),
    forecastLowUsd: num(e.forecastLowUsd),
    forecastHighUsd: num(e.forecastHighUsd),
    projectedCrossingAt: str(e.projectedCrossingAt),
    periodStart: str(e.periodStart),
    periodEnd: str(e.periodEnd),
  };
  // A new-model finding names one model; show it as a one-row breakdown.
  const model = str(e.model);
  const models = breakdown(e.models) ?? (model ? [{ name: model, costUsd: num(e.observedUsd), requests: num(e.requests), pastShare: null }] : []);
  const hasComparison = comparison.observedUsd !== null || comparison.expectedUsd !== null || comparison.score !== null;
  const hasBudget = budget.budgetUsd !== null || budget.monthToDateUsd !== null;
  return {
    comparison: hasComparison ? comparison : null,
    budget: hasBudget ? budget : null,
    models,
    regions: breakdown(e.regions) ?? [],
    alsoFound: alsoFound(e.alsoFound),
    other: Object.entries(e)
      .filter(([key, value]) => !CONSUMED_KEYS.has(key) && value !== undefined)
      .map(([key, value]) => ({ key, label: evidenceLabel(key), value: formatEvidenceValue(key, value) })),
  };
}

/** Rows of a models or regions list; detectors name the row `name`, `model` or `region`. */
function breakdown(raw: unknown): Breakdown[] | null {
  if (!Array.isArray(raw)) return null;
  return raw.flatMap((r: unknown) => {
    if (!r || typeof r !== 'object') return typeof r === 'string' ? [{ name: r, costUsd: null, requests: null, pastShare: null }] : [];
    const o = r as Record<string, unknown>;
    const name = str(o.name) ?? str(o.model) ?? str(o.region);
    return name ? [{ name, costUsd: num(o.costUsd), requests: num(o.requests), pastShare: num(o.pastShare) }] : [];
  });
}

function alsoFound(raw: unknown): { kind: string; summary: string }[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((r: unknown) => {
    const o = r && typeof r === 'object' ? (r as Record<string, unknown>) : {};
    const kind = str(o.kind);
    return kind ? [{ kind: kindLabel(kind), summary: str(o.summary) ?? '' }] : [];
  });
}

/** "12.3×", or "from zero" when nothing was expected. */
export function formatMultiple(multiple: number | null, expectedUsd: number | null): string {
  if (multiple !== null) return `${multiple >= 10 ? multiple.toFixed(0) : multiple.toFixed(1)}×`;
  return expectedUsd === 0 ? 'from zero' : '—';
}

/** Budget percents are stored as 0..100: "85.3%". */
export function formatBudgetPercent(percent: number): string {
  return `${percent.toFixed(1)}%`;
}
