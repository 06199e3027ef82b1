import type { PrismaClient } from '@/generated/prisma/client';

// Fresh statistics for the usage tables after a bulk load (a connection's history). Without
// them, right after a first start, the planner takes the freshly filled usage_bucket for an
// empty table (it has never been analysed, and autovacuum may not get to it for minutes) and
// picks nested loops that rescan a key's rows once per row: the demo's first key chart took
// 225 s. ANALYZE samples; on the demo's 94,000 buckets it takes well under a second.
export async function analyzeUsage(db: Pick<PrismaClient, '$executeRawUnsafe'>): Promise<void> {
  await db.$executeRawUnsafe('ANALYZE usage_bucket, usage_hour, usage_key_day, usage_environment_hour, usage_environment_day, usage_model_day, usage_region_day');
}
