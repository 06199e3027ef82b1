import { Prisma } from '@/generated/prisma/client';
import { upsertUsageBuckets, type UsageBucketInput } from '@/lib/usage/upsert-usage-buckets';
import type { Delivery } from './usage-rows';
import type { WriteMethod } from './write-methods';

// For --diagnose: variants of the upsert that each isolate one cost (Prisma's own share, the
// commit per delivery). Same deliveries, same row-by-row check afterwards.

const everything = (d: Delivery) => [...d.fresh, ...d.again];

function upsertEach(name: string, write: (db: Parameters<WriteMethod['write']>[0], rows: UsageBucketInput[]) => Promise<unknown>, oneTransaction = false): WriteMethod {
  return {
    name,
    async write(target, deliveries) {
      let rows = 0;
      if (oneTransaction) await target.pg.query('BEGIN');
      for (const d of deliveries) {
        const batch = everything(d);
        await write(target, batch);
        rows += batch.length;
      }
      if (oneTransaction) await target.pg.query('COMMIT');
      return rows;
    },
  };
}

// upsertUsageBuckets' statements sent by node-postgres directly: the difference from the
// plain upsert is what Prisma itself costs.
type RawTarget = Parameters<typeof upsertUsageBuckets>[0];
const viaPg = (pg: Parameters<WriteMethod['write']>[0]['pg']): RawTarget =>
  ({
    $executeRaw: async (query: TemplateStringsArray, ...params: unknown[]) => {
      const built = Prisma.sql(query, ...params);
      return (await pg.query(built.text, built.values)).rowCount ?? 0;
    },
  }) as unknown as RawTarget;

export const DIAGNOSIS_METHODS: WriteMethod[] = [
  upsertEach('upsert statements via pg, no Prisma', ({ pg }, rows) => upsertUsageBuckets(viaPg(pg), rows, 'replace')),
  upsertEach('upsert via pg, one transaction for all deliveries', ({ pg }, rows) => upsertUsageBuckets(viaPg(pg), rows, 'replace'), true),
];
