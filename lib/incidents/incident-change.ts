import type { Incident, Prisma } from '@/generated/prisma/client';

// What happened to an incident, announced inside the transaction that made it happen, so
// whoever listens (the alert outbox) writes its rows atomically with the change.

export type IncidentChangeType = 'opened' | 'escalated' | 'acknowledged' | 'resolved';

export interface IncidentChange {
  type: IncidentChangeType;
  incident: Incident;
  /** Who did it; null when Burnrate did (a finding, an auto-resolve). */
  actor: string | null;
  /** False for incidents found in history (first start, catch-up): recorded, never paged. */
  live: boolean;
}

export type OnIncidentChange = (tx: Prisma.TransactionClient, change: IncidentChange) => Promise<void>;

export const ignoreChanges: OnIncidentChange = async () => {};
