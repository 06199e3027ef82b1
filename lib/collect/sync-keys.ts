import type { PrismaClient } from '@/generated/prisma/client';
import type { KeyInfo, ProviderId } from '@/lib/providers/provider';
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
  let created = 0;
  for (const key of keys) {
    const { environment, tags } = place(key);
    await db.environment.upsert({ where: { name: environment }, create: { name: environment }, update: {} });
    const known = { provider: connection.provider, providerKeyId: key.providerKeyId };
    const data = {
      connectionId: connection.id,
      name: key.name,
      redactedHint: key.redactedHint,
      projectId: key.projectId,
      projectName: key.projectName,
      owner: key.owner,
      providerCreatedAt: key.createdAtMs === null ? null : new Date(key.createdAtMs),
    };
    const existing = await db.apiKey.findUnique({ where: { provider_providerKeyId: known }, select: { id: true, status: true, lastUsedAt: true } });
    const lastUsedAt = key.lastUsedAtMs === null ? undefined : new Date(Math.max(key.lastUsedAtMs, existing?.lastUsedAt?.getTime() ?? 0));
    // A key we disabled stays disabled whatever the provider's listing says.
    const status = existing?.status === 'disabled' ? 'disabled' : key.status;
    if (existing) {
      await db.apiKey.update({ where: { id: existing.id }, data: { ...data, status, lastUsedAt } });
    } else {
      await db.apiKey.create({ data: { ...known, ...data, environment, tags, status, lastUsedAt } });
      created++;
    }
  }
  // Keys the provider no longer lists were deleted there.
  const listed = keys.map((k) => k.providerKeyId);
  const gone = await db.apiKey.updateMany({
    where: { connectionId: connection.id, providerKeyId: { notIn: listed }, status: { in: ['active', 'inactive'] }, NOT: { providerKeyId: { startsWith: '(' } } },
    data: { status: 'deleted' },
  });
  return { keys: keys.length, created, gone: gone.count };
}
