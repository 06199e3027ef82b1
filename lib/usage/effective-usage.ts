import { Prisma } from '@/generated/prisma/client';

// Usage as it was spent, once: for each key and hour, the provider's rows when it reported
// any, else the ingested ones. A gateway or OpenTelemetry event describes the same request
// the provider counts, so the two sources are alternatives, never added. (Regions exist
// only in ingested rows: queries by region read `usage_bucket` where source = 'ingest'.)
// A derived table over [from, to): `FROM ${effectiveUsage(from, to)} b`.
export function effectiveUsage(from: Date, to: Date): Prisma.Sql {
  return Prisma.sql`(
    SELECT e.* FROM usage_bucket e
    WHERE e.bucket_start >= ${from} AND e.bucket_start < ${to}
      AND (e.source = 'provider' OR NOT EXISTS (
        SELECT 1 FROM usage_bucket p
        WHERE p.key_id = e.key_id AND p.source = 'provider'
          AND p.bucket_start >= date_trunc('hour', e.bucket_start)
          AND p.bucket_start < date_trunc('hour', e.bucket_start) + interval '1 hour')))`;
}
