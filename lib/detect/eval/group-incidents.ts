import { continuesIncident, DEFAULT_QUIET_SECONDS, incidentGroup, maxSeverity } from '@/lib/incidents/incident-rules';
import type { FindingKind, Severity, TimedFinding } from './finding';

// Findings become incidents the way on-call sees them: the first anomaly finding of a key
// opens an incident (one page, of that finding's kind); later anomaly findings of the key,
// of any kind, are absorbed while it is open; it closes once `quietSeconds` pass with no
// finding. The quiet time starts at the
// end of the last bucket with a finding, so with hourly buckets and the default hour a
// single silent bucket closes it, and back-to-back buckets never do. The rules are the
// product's own (lib/incidents/incident-rules.ts).

export { DEFAULT_QUIET_SECONDS };

export interface Incident {
  key: string;
  kind: FindingKind;
  /** Start of the bucket that opened it (the page), epoch ms. */
  at: number;
  /** Start of the bucket of its latest finding. */
  lastAt: number;
  /** Highest severity among its findings. */
  severity: Severity;
  /** The opening finding's summary. */
  summary: string;
  findings: number;
}

/** Findings must be in time order (replay produces them so); incidents come out by `at`. */
export function groupIncidents(findings: readonly TimedFinding[], options: { bucketSeconds: number; quietSeconds?: number }): Incident[] {
  const bucketMs = options.bucketSeconds * 1000;
  const quietMs = (options.quietSeconds ?? DEFAULT_QUIET_SECONDS) * 1000;
  const open = new Map<string, Incident>();
  const incidents: Incident[] = [];
  let previousAt = -Infinity;
  for (const f of findings) {
    if (f.at < previousAt) throw new Error('groupIncidents: findings must be sorted by time');
    previousAt = f.at;
    const id = incidentGroup(f.kind, f.key);
    const current = open.get(id);
    if (current && continuesIncident(current.lastAt, f.at, bucketMs, quietMs)) {
      current.lastAt = f.at;
      current.findings++;
      current.severity = maxSeverity(current.severity, f.severity);
      continue;
    }
    const incident: Incident = { key: f.key, kind: f.kind, at: f.at, lastAt: f.at, severity: f.severity, summary: f.summary, findings: 1 };
    open.set(id, incident);
    incidents.push(incident);
  }
  return incidents;
}
