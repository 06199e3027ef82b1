import type { PrismaClient } from '@/generated/prisma/client';
import type { KeyInfo, ProviderId } from '@/lib/providers/provider';
import { bumpLastUsed } from '@/lib/usage/bump-last-used';
import { inferEnvironment } from './infer-environment';

// Upserts the provider's key inventory. Names, hints, projects, owners and status follow the
// provider; environment and tags are set once, on first sight, and are ours to change after.

export type KeyPlacement = (key: Pick<KeyInfo, 'providerKeyId' | 'name' | 'projectName'>) => { environment: string; tags: string[] };

export const defaultPlacement: KeyPlacement = (key) => ({ environment: inferEnvironment(key.name, key.projectName), tags: [] });

export async function syncKeys(
  db: PrismaClient,
  connection: { id: string; provider: ProviderId },
  keys: KeyInfo[],
  place: KeyPlacement = defaultPlacement,
): Promise<{ keys: number; created: number; gone: number }> {
  // One read of what we know; writes only for new keys and keys whose listing changed
  // (usually none), so a sync of thousands of keys is a handful of statements.
  const existing = new Map(
    (
      await db.apiKey.findMany({
        where: { provider: connection.provider, providerKeyId: { in: keys.map((k) => k.providerKeyId) } },
        select: { id: true, providerKeyId: true, connectionId: true, name: true, redactedHint: true, projectId: true, projectName: true, owner: true, status: true, providerCreatedAt: true },
      })
    ).map((k) => [k.providerKeyId, k]),
  );
  const fresh = keys.filter((k) => !existing.has(k.providerKeyId)).map((k) => ({ key: k, ...place(k) }));
  await db.environment.createMany({ data: [...new Set(fresh.map((f) => f.environment))].map((name) => ({ name })), skipDuplicates: true });
  await db.apiKey.createMany({
    data: fresh.map(({ key, environment, tags }) => ({ provider: connection.provider, providerKeyId: key.providerKeyId, ...listed(connection.id, key), environment, tags, status: key.status })),
    skipDuplicates: true,
  });
  for (const key of keys) {
    const known = existing.get(key.providerKeyId);
    if (!known) continue;
    const data = listed(connection.id, key);
    // A key we disabled stays disabled whatever the provider's listing says.
    const status = known.status === 'disabled' ? 'disabled' : key.status;
    const changed =
      status !== known.status ||
      data.providerCreatedAt?.getTime() !== known.providerCreatedAt?.getTime() ||
      (['connectionId', 'name', 'redactedHint', 'projectId', 'projectName', 'owner'] as const).some((f) => data[f] !== known[f]);
    if (changed) await db.apiKey.update({ where: { id: known.id }, data: { ...data, status } });
  }
  const ids = new Map((await db.apiKey.findMany({ where: { provider: connection.provider, providerKeyId: { in: keys.map((k) => k.providerKeyId) } }, select: { id: true, providerKeyId: true } })).map((k) => [k.providerKeyId, k.id]));
  await bumpLastUsed(db, new Map(keys.filter((k) => k.lastUsedAtMs !== null).map((k) => [ids.get(k.providerKeyId)!, k.lastUsedAtMs!])));
  // Keys the provider no longer lists were deleted there.
  const listedIds = keys.map((k) => k.providerKeyId);
  const gone = await db.apiKey.updateMany({
    where: { connectionId: connection.id, providerKeyId: { notIn: listedIds }, status: { in: ['active', 'inactive'] }, NOT: { providerKeyId: { startsWith: '(' } } },
    data: { status: 'deleted' },
  });
  return { keys: keys.length, created: fresh.length, gone: gone.count };
}

// What the provider's listing decides about a key.
function listed(connectionId: string, key: KeyInfo) {
  return {
    connectionId,
    name: key.name,
    redactedHint: key.redactedHint,
    projectId: key.projectId,
    projectName: key.projectName,
    owner: key.owner,
    providerCreatedAt: key.createdAtMs === null ? null : new Date(key.createdAtMs),
  };
}
