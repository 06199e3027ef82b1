import type { Incident, Prisma, PrismaClient } from '@/generated/prisma/client';
import type { Finding } from '@/lib/detect/eval/finding';
import { ignoreChanges, type OnIncidentChange } from './incident-change';
import { BUDGET_KINDS, continuesIncident, DEFAULT_QUIET_SECONDS, dedupKeyFor, incidentGroup, isBudgetKind, maxSeverity, severityRank } from './incident-rules';

// Findings become incidents: the first finding of a subject opens one; later ones of the
// same group (any anomaly kind on a key, or the same budget kind) are absorbed while it is
// open (raising its severity if they are worse), so on-call is paged once. Anomaly incidents continue until a quiet period passes; budget incidents for
// as long as their budget period (evidence.periodStart) is the same.
// A run of absorbed findings is written as one update and one timeline event, not one per
// bucket: a leak firing every minute for a day is one incident with one line per run.

export interface StoredFinding extends Finding {
  /** The key's id; for an environment budget, null and `environment` set. */
  keyId: string | null;
  environment: string | null;
  /** Start of the bucket it was found in, epoch ms. */
  at: number;
}

export interface RecordOptions {
  now: number;
  bucketSeconds: number;
  quietSeconds?: number;
  /** Findings older than this at `now` are history: recorded, not paged. */
  liveSeconds?: number;
  onChange?: OnIncidentChange;
}

export const DEFAULT_LIVE_SECONDS = 15 * 60;

export async function recordFindings(db: PrismaClient, findings: readonly StoredFinding[], options: RecordOptions) {
  const groups = new Map<string, StoredFinding[]>();
  for (const f of findings) {
    const id = incidentGroup(f.kind, f.keyId ?? `env:${f.environment}`);
    const group = groups.get(id);
    if (group) group.push(f);
    else groups.set(id, [f]);
  }
  let opened = 0;
  let absorbed = 0;
  for (const group of groups.values()) {
    group.sort((a, b) => a.at - b.at);
    const r = await db.$transaction((tx) => recordGroup(tx, group, options));
    opened += r.opened;
    absorbed += r.absorbed;
  }
  return { opened, absorbed };
}

type Pending = { incident: Incident; count: number; first: StoredFinding; last: StoredFinding; severity: Incident['severity']; kinds: Set<string> };

/** Findings of one subject and group, in time order. */
async function recordGroup(tx: Prisma.TransactionClient, group: readonly StoredFinding[], options: RecordOptions) {
  const [head] = group;
  const onChange = options.onChange ?? ignoreChanges;
  const isLive = (f: StoredFinding) => f.at >= options.now - (options.liveSeconds ?? DEFAULT_LIVE_SECONDS) * 1000;
  let current = await tx.incident.findFirst({
    where: { kind: isBudgetKind(head!.kind) ? head!.kind : { notIn: [...BUDGET_KINDS] }, keyId: head!.keyId, ...(head!.keyId ? {} : { environment: head!.environment }), status: { in: ['open', 'acknowledged'] } },
    orderBy: { lastSeenAt: 'desc' },
  });
  let pending: Pending | null = null;
  let opened = 0;
  let absorbed = 0;

  const flush = async () => {
    if (!pending) return;
    const { incident, count, first, last, severity, kinds } = pending;
    pending = null;
    const evidence = (last.evidence ?? {}) as Prisma.InputJsonObject;
    current = await tx.incident.update({
      where: { id: incident.id },
      data: {
        lastSeenAt: new Date(Math.max(incident.lastSeenAt.getTime(), last.at)),
        findingCount: { increment: count },
        severity,
        // A budget incident shows its latest standing (threshold, forecast); an anomaly keeps
        // its opening evidence, and the later findings are on its timeline.
        ...(isBudgetKind(last.kind) ? { summary: last.summary, evidence } : {}),
      },
    });
    await tx.incidentEvent.create({
      data: { incidentId: incident.id, at: new Date(first.at), type: 'finding', data: { count, kinds: [...kinds], from: new Date(first.at).toISOString(), to: new Date(last.at).toISOString(), severity, summary: last.summary, evidence } },
    });
    if (severityRank(severity) > severityRank(incident.severity)) await onChange(tx, { type: 'escalated', incident: current, actor: null, live: isLive(last) });
  };

  for (const f of group) {
    if (current && continues(current, pending?.last ?? null, f, options)) {
      pending ??= { incident: current, count: 0, first: f, last: f, severity: current.severity, kinds: new Set() };
      pending.count++;
      pending.kinds.add(f.kind);
      pending.last = f;
      pending.severity = maxSeverity(pending.severity, f.severity);
      absorbed++;
      continue;
    }
    await flush();
    const live = isLive(f);
    current = await tx.incident.create({
      data: {
        kind: f.kind,
        keyId: f.keyId,
        environment: f.environment,
        severity: f.severity,
        summary: f.summary,
        evidence: (f.evidence ?? {}) as Prisma.InputJsonObject,
        dedupKey: dedupKeyFor(f.kind, f.keyId ?? `env:${f.environment}`, f.at),
        openedAt: new Date(f.at),
        lastSeenAt: new Date(f.at),
      },
    });
    await tx.incidentEvent.create({ data: { incidentId: current.id, at: new Date(f.at), type: 'opened', data: { severity: f.severity, summary: f.summary, live } } });
    await onChange(tx, { type: 'opened', incident: current, actor: null, live });
    opened++;
  }
  await flush();
  return { opened, absorbed };
}

function continues(current: Incident, pendingLast: StoredFinding | null, f: StoredFinding, options: RecordOptions): boolean {
  if (isBudgetKind(f.kind)) return periodOf(pendingLast?.evidence ?? current.evidence) === periodOf(f.evidence);
  const lastSeen = Math.max(current.lastSeenAt.getTime(), pendingLast?.at ?? -Infinity);
  return continuesIncident(lastSeen, f.at, options.bucketSeconds * 1000, (options.quietSeconds ?? DEFAULT_QUIET_SECONDS) * 1000);
}

function periodOf(evidence: unknown): unknown {
  return evidence && typeof evidence === 'object' ? (evidence as Record<string, unknown>).periodStart : undefined;
}
