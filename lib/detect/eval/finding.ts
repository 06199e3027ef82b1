// What detectors report. Kinds and severities use the names of the IncidentKind and
// Severity enums in prisma/schema.prisma, in the same order, so findings store as they are.

export type FindingKind = 'spike' | 'off_hours' | 'new_region' | 'new_model' | 'dormant_wake' | 'budget' | 'budget_forecast';

export const SEVERITIES = ['info', 'warning', 'error', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A detector's report for the bucket it was just shown; the replay stamps the time. */
export interface Finding {
  key: string;
  kind: FindingKind;
  severity: Severity;
  /** One line a human can act on. */
  summary: string;
  /** Observed vs expected, multiple, score, breakdowns: anything the incident page shows. */
  evidence?: Record<string, unknown>;
}

export interface TimedFinding extends Finding {
  /** Start of the bucket it was found in, epoch ms. */
  at: number;
}
