import type { PrismaClient } from '@/generated/prisma/client';
import { rewrap, SecretDecryptError } from './envelope';
import { findMasterKey, type Keyring } from './master-key';
import { secretAad } from './secret-store';

// Moves every secret onto the keyring's current master key by re-wrapping its data key:
// only wrappedKey, masterKeyId and rotatedAt change; values are never decrypted. Each batch
// commits on its own, so an interrupted run resumes where it stopped, and a run with nothing
// left to move changes nothing.

export type RotateProgress = { done: number; total: number; rewrapped: number };
export type RotateResult = {
  total: number; // secrets in the database
  alreadyCurrent: number; // under the current master key before this run
  rewrapped: number;
  // Replaced by someone else between read and write: they already carry a fresh wrapping
  // (a rerun moves them if a process with the old key wrote them).
  changedMeanwhile: number;
  missingKeys: { masterKeyId: string; count: number }[]; // wrapped by keys not in the keyring
  failed: string[]; // ids whose wrapped key did not authenticate
  interrupted: boolean;
};

export type RotateOptions = {
  batchSize?: number;
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (progress: RotateProgress) => void;
};

export async function rotateMasterKey(db: PrismaClient, keyring: Keyring, options: RotateOptions = {}): Promise<RotateResult> {
  const { batchSize = 100, now = () => new Date(), signal, onProgress } = options;
  const current = keyring.current.id;
  const notCurrent = { masterKeyId: { not: current } };
  const [total, pending] = await Promise.all([db.secret.count(), db.secret.count({ where: notCurrent })]);
  const result: RotateResult = { total, alreadyCurrent: total - pending, rewrapped: 0, changedMeanwhile: 0, missingKeys: [], failed: [], interrupted: false };
  const missing = new Map<string, number>();
  let done = 0;
  let after: string | undefined;
  onProgress?.({ done, total: pending, rewrapped: 0 });

  while (true) {
    if (signal?.aborted) {
      result.interrupted = true;
      break;
    }
    // Keyset pages by id: rows that cannot move (a missing key) are passed, not re-read.
    const rows = await db.secret.findMany({
      where: { ...notCurrent, ...(after ? { id: { gt: after } } : {}) },
      select: { id: true, wrappedKey: true, masterKeyId: true },
      orderBy: { id: 'asc' },
      take: batchSize,
    });
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;

    const at = now();
    const updates = [];
    for (const row of rows) {
      if (!findMasterKey(keyring, row.masterKeyId)) {
        missing.set(row.masterKeyId, (missing.get(row.masterKeyId) ?? 0) + 1);
        continue;
      }
      let moved;
      try {
        moved = rewrap(row, keyring, secretAad(row.id));
      } catch (error) {
        if (!(error instanceof SecretDecryptError)) throw error;
        result.failed.push(row.id);
        continue;
      }
      // Matching the old wrapped key too: a value replaced since the read keeps its new data key.
      updates.push(
        db.secret.updateMany({
          where: { id: row.id, masterKeyId: row.masterKeyId, wrappedKey: { equals: row.wrappedKey } },
          data: { ...moved, rotatedAt: at },
        }),
      );
    }
    const counts = updates.length > 0 ? await db.$transaction(updates) : [];
    const written = counts.reduce((sum, c) => sum + c.count, 0);
    result.rewrapped += written;
    result.changedMeanwhile += counts.length - written;
    done += rows.length;
    onProgress?.({ done, total: Math.max(pending, done), rewrapped: result.rewrapped });
  }
  result.missingKeys = [...missing].map(([masterKeyId, count]) => ({ masterKeyId, count }));
  return result;
}
