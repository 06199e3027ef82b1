import type { PrismaClient } from '@/generated/prisma/client';
import { AppError } from '@/lib/errors';
import { monthStartUtc } from '@/lib/usage/usage-series';
import { keyHygiene } from './key-hygiene';
import type { KeyDetail } from './key-schemas';
import { chosenSources, subjectRows } from './usage-subject';

// The key page's header, metadata and standing. Explicit columns only: the key's
// connection is named, never its credential.

const RECENT_INCIDENTS = 5;

export async function keyDetail(db: PrismaClient, id: string, nowMs: number): Promise<KeyDetail> {
  const key = await db.apiKey.findUnique({
    where: { id },
    select: {
      id: true, name: true, provider: true, providerKeyId: true, redactedHint: true, projectId: true, projectName: true,
      environment: true, owner: true, status: true, tags: true, providerCreatedAt: true, lastUsedAt: true,
      disabledAt: true, disabledBy: true, createdAt: true,
      connection: { select: { name: true } },
      budget: { select: { scope: true, monthlyUsd: true } },
    },
  });
  if (!key) throw new AppError('not_found', `No key ${id}; it may have been deleted at its provider and removed`);
  const [monthToDateUsd, incidents, recent, hygiene] = await Promise.all([
    monthToDate(db, id, nowMs),
    db.incident.groupBy({ by: ['status'], where: { keyId: id }, _count: { _all: true } }),
    db.incident.findMany({
      where: { keyId: id },
      select: { id: true, kind: true, severity: true, status: true, summary: true, openedAt: true },
      orderBy: [{ openedAt: 'desc' }, { id: 'asc' }],
      take: RECENT_INCIDENTS,
    }),
    keyHygiene(db, nowMs, id),
  ]);
  const budgetUsd = key.budget?.scope === 'key' ? key.budget.monthlyUsd.toNumber() : null;
  const count = (statuses: string[]) => incidents.filter((g) => statuses.includes(g.status)).reduce((n, g) => n + g._count._all, 0);
  return {
    id: key.id,
    name: key.name,
    provider: key.provider,
    providerKeyId: key.providerKeyId,
    redactedHint: key.redactedHint,
    projectId: key.projectId,
    projectName: key.projectName,
    environment: key.environment,
    owner: key.owner,
    status: key.status,
    tags: key.tags,
    providerCreatedAt: key.providerCreatedAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    disabledAt: key.disabledAt?.toISOString() ?? null,
    disabledBy: key.disabledBy,
    createdAt: key.createdAt.toISOString(),
    connectionName: key.connection?.name ?? null,
    disableBlockedReason: disableBlockedReason(key.status, key.connection !== null),
    monthToDateUsd,
    budgetUsd,
    budgetPercent: budgetUsd !== null && budgetUsd > 0 ? (monthToDateUsd / budgetUsd) * 100 : null,
    incidents: {
      active: count(['open', 'acknowledged']),
      total: count(['open', 'acknowledged', 'resolved']),
      recent: recent.map((r) => ({ ...r, openedAt: r.openedAt.toISOString() })),
    },
    hygiene,
  };
}

/** Why Burnrate cannot disable the key at its provider, or null when it can. */
export function disableBlockedReason(status: string, hasConnection: boolean): string | null {
  if (status === 'disabled') return 'The key is already disabled.';
  if (status === 'deleted') return 'The provider no longer lists this key: it was deleted there.';
  if (!hasConnection) return 'Burnrate sees this key only through ingested events, with no provider connection to disable it through; disable it in the provider’s console.';
  return null;
}

/** This UTC month's cost, counted once (provider figures when the key has any). */
async function monthToDate(db: PrismaClient, keyId: string, nowMs: number): Promise<number> {
  const from = monthStartUtc(nowMs);
  const subject = { keyId };
  const [row] = await db.$queryRaw<{ cost: number | null }[]>`
    WITH chosen AS (${chosenSources(subject, from, nowMs)})
    SELECT sum(u.cost_usd)::float8 AS cost
    FROM usage_bucket u JOIN chosen c ON c.key_id = u.key_id AND c.source = u.source
    WHERE ${subjectRows(subject)} AND u.bucket_start >= ${new Date(from)} AND u.bucket_start < ${new Date(nowMs)}`;
  return row?.cost ?? 0;
}
