import { z } from 'zod';

// What a budget already paged for in a period, read back from its incidents, so the job
// passes detectBudget the thresholds and forecast it must not page again. An incident's
// evidence is its latest standing (lib/incidents/record-findings.ts), whose
// crossedThresholds holds every threshold crossed so far; `threshold` covers evidence
// written without it. Resolved incidents count too: a person closing one does not make
// the same threshold page again in the same month.

const evidenceSchema = z.object({
  periodStart: z.string(),
  threshold: z.number().nullish(),
  crossedThresholds: z.array(z.number()).optional(),
});

export interface BudgetIncident {
  kind: string;
  evidence: unknown;
}

export interface Alerted {
  thresholds: number[];
  forecast: boolean;
}

/** Thresholds and forecast alerted by `incidents` (of one subject) in the period starting at `periodStart` (ISO). */
export function alertedThisPeriod(incidents: readonly BudgetIncident[], periodStart: string): Alerted {
  const thresholds = new Set<number>();
  let forecast = false;
  for (const incident of incidents) {
    const parsed = evidenceSchema.safeParse(incident.evidence);
    if (!parsed.success || Date.parse(parsed.data.periodStart) !== Date.parse(periodStart)) continue;
    if (incident.kind === 'budget_forecast') forecast = true;
    if (incident.kind !== 'budget') continue;
    for (const t of parsed.data.crossedThresholds ?? []) thresholds.add(t);
    if (typeof parsed.data.threshold === 'number') thresholds.add(parsed.data.threshold);
  }
  return { thresholds: [...thresholds].sort((a, b) => a - b), forecast };
}
