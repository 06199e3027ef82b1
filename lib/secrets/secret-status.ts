import type { PrismaClient } from '@/generated/prisma/client';
import { open, SecretDecryptError } from './envelope';
import { findMasterKey, type Keyring } from './master-key';
import { secretAad } from './secret-store';

// How many secrets each master key wraps, and whether every one of them opens with the
// keyring at hand. Each value is decrypted in memory to check it and then dropped.

export type MasterKeyRole = 'current' | 'previous' | 'not configured';
export type MasterKeyCount = { masterKeyId: string; role: MasterKeyRole; count: number; unreadable: number };
export type SecretStatus = { total: number; unreadable: number; byMasterKey: MasterKeyCount[] };

export async function secretStatus(db: PrismaClient, keyring: Keyring, options: { batchSize?: number } = {}): Promise<SecretStatus> {
  const { batchSize = 200 } = options;
  const groups = new Map<string, MasterKeyCount>();
  const group = (masterKeyId: string) => {
    let g = groups.get(masterKeyId);
    if (!g) {
      g = { masterKeyId, role: roleOf(keyring, masterKeyId), count: 0, unreadable: 0 };
      groups.set(masterKeyId, g);
    }
    return g;
  };
  let after: string | undefined;
  while (true) {
    const rows = await db.secret.findMany({
      where: after ? { id: { gt: after } } : {},
      select: { id: true, ciphertext: true, iv: true, authTag: true, wrappedKey: true, masterKeyId: true },
      orderBy: { id: 'asc' },
      take: batchSize,
    });
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    for (const row of rows) {
      const g = group(row.masterKeyId);
      g.count += 1;
      if (!readable(row, keyring)) g.unreadable += 1;
    }
  }
  // Every configured key shows, even with no secrets (a previous key at 0 can be retired);
  // the current one first, then by how many secrets each wraps.
  for (const key of [keyring.current, ...keyring.previous]) group(key.id);
  const byMasterKey = [...groups.values()].sort((a, b) => Number(b.role === 'current') - Number(a.role === 'current') || b.count - a.count);
  return {
    total: byMasterKey.reduce((n, g) => n + g.count, 0),
    unreadable: byMasterKey.reduce((n, g) => n + g.unreadable, 0),
    byMasterKey,
  };
}

function roleOf(keyring: Keyring, masterKeyId: string): MasterKeyRole {
  if (keyring.current.id === masterKeyId) return 'current';
  return findMasterKey(keyring, masterKeyId) ? 'previous' : 'not configured';
}

function readable(row: Parameters<typeof open>[0] & { id: string }, keyring: Keyring): boolean {
  try {
    open(row, keyring, secretAad(row.id));
    return true;
  } catch (error) {
    if (error instanceof SecretDecryptError) return false;
    throw error;
  }
}
