import type { PrismaClient } from '@/generated/prisma/client';

// api_key.last_used_at moves forward only. `latest` maps key ids to epoch ms; keys are
// updated in id order so concurrent writers lock them in the same order.
export async function bumpLastUsed(db: Pick<PrismaClient, '$executeRaw'>, latest: Map<string, number>): Promise<void> {
  if (latest.size === 0) return;
  const ids = [...latest.keys()].sort();
  await db.$executeRaw`
    UPDATE api_key AS k SET last_used_at = u.at
    FROM unnest(${ids}::uuid[], ${ids.map((id) => new Date(latest.get(id)!).toISOString())}::timestamptz[]) AS u(id, at)
    WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.at)`;
}
