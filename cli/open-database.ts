import type { Env } from '@/lib/env';
import { startEmbeddedPostgres } from '@/lib/db/embedded-postgres';
import { migrate } from '@/lib/db/migrate';

export type OpenDatabase = { url: string; kind: 'embedded' | 'external'; stop: () => Promise<void> };

// DATABASE_URL wins; otherwise the embedded Postgres under BURNRATE_DATA_DIR. Either way
// the schema is migrated before anything else touches it.
export async function openDatabase(env: Env, options: { fast?: boolean } = {}): Promise<OpenDatabase> {
  if (env.DATABASE_URL) {
    await migrateOrExplain(env.DATABASE_URL);
    return { url: env.DATABASE_URL, kind: 'external', stop: async () => undefined };
  }
  const db = await startEmbeddedPostgres({
    dataDir: env.BURNRATE_DATA_DIR,
    port: env.BURNRATE_PG_PORT,
    portExplicit: process.env.BURNRATE_PG_PORT !== undefined && process.env.BURNRATE_PG_PORT !== '',
    fast: options.fast,
  });
  try {
    await db.createDatabase('burnrate');
    const url = db.url('burnrate');
    await migrateOrExplain(url);
    return { url, kind: 'embedded', stop: db.stop };
  } catch (error) {
    await db.stop();
    throw error;
  }
}

async function migrateOrExplain(url: string) {
  try {
    await migrate(url);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/ECONNREFUSED|ENOTFOUND|password authentication|does not exist/.test(message)) {
      throw new Error(`burnrate: cannot use the database at DATABASE_URL (${message.split('\n')[0]}); check the URL, or unset it to use the embedded database`);
    }
    throw error;
  }
}
