// A collector worker in its own process, for tests that kill it mid-pull:
// backfills CONNECTION_ID from SINCE_MS to NOW_MS against DATABASE_URL.
import { createPrisma } from '../lib/db';
import { backfillConnection } from '../lib/collect/backfill';
import { createAnthropicProvider } from '../lib/providers/anthropic';
import { createOpenAIProvider } from '../lib/providers/openai';

const db = createPrisma(process.env.DATABASE_URL!, 2);
const providers = { openai: createOpenAIProvider({ timeoutMs: 5_000 }), anthropic: createAnthropicProvider({ timeoutMs: 5_000 }) };
await backfillConnection(db, process.env.CONNECTION_ID!, Number(process.env.SINCE_MS), Number(process.env.NOW_MS), { providers, env: process.env }, {
  onProgress: (p) => process.stdout.write(`window ${p.done}/${p.total}\n`),
});
await db.$disconnect();
