import type { PrismaClient } from '@/generated/prisma/client';
import type { BucketObservation } from '@/lib/detect/eval/replay';

// Incident feedback, turned into what the baselines may learn: usage during an incident
// marked `leak` or `planned` is kept out of the key's baseline (a one-off batch is not the
// new normal), usage during one marked `expected` is learnt even though it looked odd.
// The signature changes whenever feedback does, which makes the engine rebuild.

export interface BaselineOverrides {
  signature: string;
  apply(bucket: BucketObservation): void;
}

type Span = { from: number; to: number; mode: 'exclude' | 'include' };

export async function baselineOverrides(db: PrismaClient, bucketSeconds: number): Promise<BaselineOverrides> {
  const rows = await db.incident.findMany({
    where: { feedback: { not: null }, keyId: { not: null } },
    select: { id: true, keyId: true, openedAt: true, lastSeenAt: true, feedback: true, feedbackAt: true },
    orderBy: { id: 'asc' },
  });
  const byKey = new Map<string, Span[]>();
  for (const r of rows) {
    const span: Span = { from: r.openedAt.getTime(), to: r.lastSeenAt.getTime() + bucketSeconds * 1000, mode: r.feedback === 'expected' ? 'include' : 'exclude' };
    const spans = byKey.get(r.keyId!);
    if (spans) spans.push(span);
    else byKey.set(r.keyId!, [span]);
  }
  return {
    signature: rows.map((r) => `${r.id}:${r.feedback}`).join(','),
    apply(bucket) {
      if (byKey.size === 0) return;
      for (const k of bucket.keys) {
        const spans = byKey.get(k.key);
        const hit = spans?.find((s) => bucket.start >= s.from && bucket.start < s.to);
        // Minutes spread from one hour share their key observations: clear what an earlier one set.
        if (hit) k.baseline = hit.mode;
        else if (k.baseline) delete k.baseline;
      }
    },
  };
}
