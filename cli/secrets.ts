import { createPrisma } from '@/lib/db';
import type { Env } from '@/lib/env';
import { loadKeyring, type Keyring } from '@/lib/secrets/master-key';
import { rotateMasterKey, type RotateResult } from '@/lib/secrets/rotate-master-key';
import { secretStatus, type SecretStatus } from '@/lib/secrets/secret-status';
import { openDatabase } from './open-database';
import { progressBar } from './progress-bar';

// npx burnrate secrets status | rotate-master [--batch-size 100]
// Prints counts and master key ids (fingerprints), never a value or a key.
const USAGE = 'burnrate: usage: npx burnrate secrets status | rotate-master [--batch-size 100]';
const ADD_PREVIOUS = 'add the key with that id to BURNRATE_MASTER_KEY_PREVIOUS (or BURNRATE_MASTER_KEY_PREVIOUS_FILE)';

export async function secretsCommand(env: Env, args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action !== 'status' && action !== 'rotate-master') throw new Error(USAGE);
  const batch = rest.indexOf('--batch-size') >= 0 ? Number(rest[rest.indexOf('--batch-size') + 1]) : 100;
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new Error('burnrate: --batch-size must be a whole number from 1 to 10000');
  // Not generating a key here: a new key would open none of the secrets already stored.
  const keyring = loadKeyring(env, { generate: false });

  const database = await openDatabase(env);
  const db = createPrisma(database.url, 4);
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  try {
    if (action === 'status') report(await secretStatus(db, keyring, { batchSize: batch }));
    else await rotate(db, keyring, batch, abort.signal);
  } finally {
    process.removeListener('SIGINT', onSignal);
    await db.$disconnect();
    await database.stop();
  }
}

function report(status: SecretStatus) {
  console.log('master key        role            secrets  unreadable');
  for (const g of status.byMasterKey) {
    console.log(`${g.masterKeyId.padEnd(18)}${g.role.padEnd(16)}${String(g.count).padStart(7)}  ${String(g.unreadable).padStart(10)}`);
  }
  const onPrevious = status.byMasterKey.filter((g) => g.role === 'previous').reduce((n, g) => n + g.count, 0);
  if (onPrevious > 0) console.log(`${onPrevious} secrets are under a previous master key; run \`npx burnrate secrets rotate-master\` to move them`);
  if (status.unreadable === 0) {
    console.log(`all ${status.total} secrets are readable`);
    return;
  }
  const missing = status.byMasterKey.filter((g) => g.role === 'not configured' && g.count > 0).map((g) => g.masterKeyId);
  throw new Error(
    `burnrate: ${status.unreadable} of ${status.total} secrets cannot be read` +
      (missing.length > 0 ? `; they need master key ${missing.join(', ')}: ${ADD_PREVIOUS}` : '; their stored fields fail authentication'),
  );
}

async function rotate(db: ReturnType<typeof createPrisma>, keyring: Keyring, batchSize: number, signal: AbortSignal) {
  const bar = progressBar(`rotate-master to ${keyring.current.id}`);
  const result = await rotateMasterKey(db, keyring, {
    batchSize,
    signal,
    onProgress: (p) => bar.update(p.done, p.total, `${p.rewrapped} re-wrapped`),
  });
  bar.done(summary(result, keyring.current.id));
  const problems = [
    ...result.missingKeys.map((m) => `${m.count} secrets need master key ${m.masterKeyId}, which is not configured: ${ADD_PREVIOUS} and run again`),
    ...(result.failed.length > 0 ? [`${result.failed.length} secrets fail authentication (ids: ${result.failed.slice(0, 10).join(', ')})`] : []),
  ];
  if (problems.length > 0) throw new Error(`burnrate: ${problems.join('; ')}`);
}

function summary(r: RotateResult, current: string): string {
  const counts = `${r.rewrapped} re-wrapped, ${r.alreadyCurrent} already current, ${r.total} in all` + (r.changedMeanwhile ? `, ${r.changedMeanwhile} replaced meanwhile` : '');
  if (r.interrupted) return `rotate-master interrupted: ${counts}; run the same command again to resume`;
  return `rotate-master done: master key ${current} — ${counts}`;
}
