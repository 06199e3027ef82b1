import { parseArgs } from 'node:util';
import { createPrisma } from '@/lib/db';
import type { Env } from '@/lib/env';
import { createIngestToken, listIngestTokens, revokeIngestToken, type IngestTokenInfo } from '@/lib/ingest/ingest-tokens';
import { openDatabase } from './open-database';

// `npx burnrate ingest-token create <name> [--environment <env>] | list | revoke <name>`.
// `create` prints the token alone on stdout (so `TOKEN=$(npx burnrate ingest-token create gw)`
// works) and the explanation on stderr; it is shown this once and never stored in plain text.

const USAGE = `Usage:
  burnrate ingest-token create <name> [--environment <env>]   make a token for the ingest endpoints
  burnrate ingest-token list                                  show tokens (hints only, never the token)
  burnrate ingest-token revoke <name>                         stop accepting a token`;

export async function ingestTokenCommand(env: Env, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, options: { environment: { type: 'string', short: 'e' } }, allowPositionals: true, strict: true });
  const [action, name, ...extra] = positionals;
  const needsName = action === 'create' || action === 'revoke';
  if (!action || !['create', 'list', 'revoke'].includes(action) || (needsName && !name) || extra.length > 0 || (action === 'list' && name)) {
    throw new Error(`burnrate: ${action ? `cannot run "ingest-token ${positionals.join(' ')}"` : 'ingest-token needs an action'}\n${USAGE}`);
  }
  if (values.environment !== undefined && action !== 'create') throw new Error(`burnrate: --environment goes with create only\n${USAGE}`);

  const database = await openDatabase(env);
  const db = createPrisma(database.url, 2);
  try {
    if (action === 'create') {
      const { token, info } = await createIngestToken(db, { name: name!, environment: values.environment, createdBy: 'cli' });
      console.error(`burnrate: ingest token "${info.name}" created${info.environment ? ` for environment ${info.environment}` : ''}. Copy it now: it is shown only once.`);
      console.log(token);
      console.error('Send it as `Authorization: Bearer <token>` to /api/ingest/events or /api/ingest/otlp/v1/traces.');
    } else if (action === 'revoke') {
      const info = await revokeIngestToken(db, name!, Date.now());
      console.log(`burnrate: ingest token "${info.name}" (${info.hint}) is revoked since ${info.revokedAt!.toISOString()}`);
    } else {
      const tokens = await listIngestTokens(db);
      console.log(tokens.length ? table(tokens) : 'burnrate: no ingest tokens yet; create one with `npx burnrate ingest-token create <name>`');
    }
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

function table(tokens: IngestTokenInfo[]): string {
  const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '-');
  const rows = [
    ['NAME', 'TOKEN', 'ENVIRONMENT', 'CREATED', 'LAST USED', 'STATUS'],
    ...tokens.map((t) => [t.name, t.hint, t.environment ?? '-', when(t.createdAt), when(t.lastUsedAt), t.revokedAt ? `revoked ${when(t.revokedAt)}` : 'active']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}
