import type { PrismaClient } from '@/generated/prisma/client';
import { logger } from '@/lib/log';
import type { ConnectionAccess, CostRow, Provider } from '@/lib/providers/provider';
import { DAY, floorTo } from './windows';

// Per-day totals of stored usage cost (priced from tokens, mostly) against the provider's
// own cost report. Differences are expected to be small (rounding, price changes, line
// items we do not price); they are logged and kept in the job run for the dashboard.

export type DayReconciliation = { day: string; providerUsd: number; storedUsd: number; diffUsd: number };

export function compareDays(costs: CostRow[], stored: { day: Date; usd: number }[]): DayReconciliation[] {
  const days = new Map<number, { providerUsd: number; storedUsd: number }>();
  const at = (ms: number) => days.get(ms) ?? days.set(ms, { providerUsd: 0, storedUsd: 0 }).get(ms)!;
  for (const c of costs) at(floorTo(c.dayStartMs, DAY)).providerUsd += c.costUsd;
  for (const s of stored) at(s.day.getTime()).storedUsd += s.usd;
  return [...days.entries()]
    .sort(([a], [b]) => a - b)
    .map(([ms, d]) => ({
      day: new Date(ms).toISOString().slice(0, 10),
      providerUsd: round(d.providerUsd),
      storedUsd: round(d.storedUsd),
      diffUsd: round(d.storedUsd - d.providerUsd),
    }));
}

const round = (n: number) => Math.round(n * 100) / 100;

export async function reconcileCosts(
  db: PrismaClient,
  connection: { id: string; name: string },
  provider: Provider,
  access: ConnectionAccess,
  nowMs: number,
  days = 3,
): Promise<{ days: DayReconciliation[] }> {
  const endMs = floorTo(nowMs, DAY);
  const startMs = endMs - days * DAY;
  const costs = await provider.fetchCosts(access, { startMs, endMs });
  const stored = await db.$queryRaw<{ day: Date; usd: number }[]>`
    SELECT date_trunc('day', b.bucket_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day, sum(b.cost_usd)::float8 AS usd
    FROM usage_bucket b JOIN api_key k ON k.id = b.key_id
    WHERE k.connection_id = ${connection.id}::uuid AND b.source = 'provider'
      AND b.bucket_start >= ${new Date(startMs)} AND b.bucket_start < ${new Date(endMs)}
    GROUP BY 1`;
  const result = compareDays(costs, stored);
  for (const d of result) logger.info('cost_reconciled', { connection: connection.name, ...d });
  return { days: result };
}
