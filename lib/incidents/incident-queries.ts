import { Prisma, type PrismaClient } from '@/generated/prisma/client';
import { AppError } from '@/lib/errors';
import type { IncidentDetail, IncidentRow, IncidentSeries, IncidentsPage, IncidentsQuery } from './incident-schemas';
import { severities } from './incident-schemas';

// Reads for the incident pages. Lists are paginated in the database; counts of what is on
// on-call's plate come with every page.

const rowSelect = {
  id: true,
  kind: true,
  severity: true,
  status: true,
  summary: true,
  keyId: true,
  environment: true,
  openedAt: true,
  lastSeenAt: true,
  resolvedAt: true,
  findingCount: true,
  feedback: true,
  key: { select: { name: true } },
} satisfies Prisma.IncidentSelect;

type RowData = Prisma.IncidentGetPayload<{ select: typeof rowSelect }>;

function toRow(r: RowData): IncidentRow {
  return {
    id: r.id,
    kind: r.kind,
    severity: r.severity,
    status: r.status,
    summary: r.summary,
    keyId: r.keyId,
    keyName: r.key?.name ?? null,
    environment: r.environment,
    openedAt: r.openedAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    findingCount: r.findingCount,
    feedback: r.feedback,
  };
}

export async function listIncidents(db: PrismaClient, query: IncidentsQuery): Promise<IncidentsPage> {
  const where: Prisma.IncidentWhereInput = {
    ...(query.status === 'all' ? {} : query.status === 'active' ? { status: { in: ['open', 'acknowledged'] } } : { status: query.status }),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.severity ? { severity: { in: severities.slice(severities.indexOf(query.severity)) as (typeof severities)[number][] } } : {}),
    ...(query.environment ? { environment: query.environment } : {}),
    ...(query.key ? { keyId: query.key } : {}),
  };
  const [total, rows, byStatus] = await Promise.all([
    db.incident.count({ where }),
    db.incident.findMany({ where, select: rowSelect, orderBy: [{ openedAt: 'desc' }, { id: 'asc' }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    db.incident.groupBy({ by: ['status'], where: { status: { in: ['open', 'acknowledged'] } }, _count: { _all: true } }),
  ]);
  const count = (s: string) => byStatus.find((b) => b.status === s)?._count._all ?? 0;
  return { total, page: query.page, pageSize: query.pageSize, counts: { open: count('open'), acknowledged: count('acknowledged') }, rows: rows.map(toRow) };
}

export async function incidentDetail(db: PrismaClient, id: string): Promise<IncidentDetail> {
  const r = await db.incident.findUnique({
    where: { id },
    select: {
      ...rowSelect,
      dedupKey: true,
      evidence: true,
      acknowledgedAt: true,
      acknowledgedBy: true,
      resolvedBy: true,
      feedbackNote: true,
      feedbackBy: true,
      // Explicit columns: never the connection or anything secret.
      key: { select: { id: true, name: true, provider: true, status: true, redactedHint: true, owner: true } },
      events: { select: { at: true, type: true, actor: true, data: true }, orderBy: [{ at: 'asc' }, { id: 'asc' }], take: 500 },
      deliveries: {
        select: { id: true, action: true, status: true, attempts: true, createdAt: true, deliveredAt: true, lastError: true, route: { select: { name: true, channel: true } } },
        orderBy: { createdAt: 'asc' },
        take: 200,
      },
    },
  });
  if (!r) throw new AppError('not_found', `No incident ${id}; it may have been deleted with its key`);
  return {
    ...toRow(r),
    dedupKey: r.dedupKey,
    evidence: (r.evidence ?? {}) as Record<string, unknown>,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: r.acknowledgedBy,
    resolvedBy: r.resolvedBy,
    feedbackNote: r.feedbackNote,
    feedbackBy: r.feedbackBy,
    key: r.key,
    events: r.events.map((e) => ({ at: e.at.toISOString(), type: e.type, actor: e.actor, data: e.data ?? null })),
    deliveries: r.deliveries.map((d) => ({
      id: d.id,
      routeName: d.route.name,
      channel: d.route.channel,
      action: d.action,
      status: d.status,
      attempts: d.attempts,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      lastError: d.lastError,
    })),
  };
}

const HOUR = 3_600_000;

/** The key's usage from two hours before the incident to an hour after it (or now). */
export async function incidentSeries(db: PrismaClient, id: string, now: number): Promise<IncidentSeries> {
  const incident = await db.incident.findUnique({ where: { id }, select: { keyId: true, environment: true, openedAt: true, lastSeenAt: true, resolvedAt: true, evidence: true } });
  if (!incident) throw new AppError('not_found', `No incident ${id}`);
  const from = incident.openedAt.getTime() - 2 * HOUR;
  const to = Math.min(now, (incident.resolvedAt ?? incident.lastSeenAt).getTime() + HOUR);
  // Minutes for up to a day, hours beyond: at most a few hundred points either way.
  const step = to - from <= 26 * HOUR ? 60_000 : HOUR;
  const width = step / 1000;
  // A key's incident shows the key; an environment budget's shows the environment.
  const subject = incident.keyId
    ? Prisma.sql`u.key_id = ${incident.keyId}::uuid`
    : Prisma.sql`u.key_id IN (SELECT id FROM api_key WHERE environment = ${incident.environment ?? ''})`;
  const rows = await db.$queryRaw<{ t: Date; cost: number; requests: number }[]>`
    SELECT to_timestamp(floor(extract(epoch FROM bucket_start) / ${width}) * ${width}) AS t,
           sum(cost_usd)::float8 AS cost, sum(requests)::float8 AS requests
    FROM usage_bucket u
    WHERE bucket_start >= ${new Date(from)} AND bucket_start < ${new Date(to)}
      AND width_seconds <= ${width}
      AND source = (CASE WHEN EXISTS (SELECT 1 FROM usage_bucket p WHERE p.key_id = u.key_id AND p.source = 'provider' AND p.bucket_start >= ${new Date(from)} AND p.bucket_start < ${new Date(to)}) THEN 'provider' ELSE 'ingest' END)::"UsageSource"
      AND ${subject}
    GROUP BY 1 ORDER BY 1`;
  const byT = new Map(rows.map((r) => [r.t.getTime(), r]));
  const points = [];
  for (let t = Math.floor(from / step) * step; t < to; t += step) {
    const r = byT.get(t);
    points.push({ t: new Date(t).toISOString(), costUsd: r?.cost ?? 0, requests: r?.requests ?? 0 });
  }
  const evidence = (incident.evidence ?? {}) as Record<string, unknown>;
  const expected = typeof evidence.expectedUsd === 'number' && step === 60_000 ? evidence.expectedUsd : null;
  return { stepSeconds: width, from: new Date(from).toISOString(), to: new Date(to).toISOString(), points, expectedUsd: expected };
}
