import type { PrismaClient } from '@/generated/prisma/client';
import type { ProviderId } from '@/lib/providers/provider';

// Connections configured by the environment, as secret managers and container platforms
// deliver credentials: BURNRATE_OPENAI_ADMIN_KEY (or ..._FILE) and BURNRATE_OPENAI_BASE_URL,
// the same for ANTHROPIC. The key itself is read at each use, never stored.
const PROVIDERS: { provider: ProviderId; prefix: string; name: string }[] = [
  { provider: 'openai', prefix: 'BURNRATE_OPENAI', name: 'OpenAI (from environment)' },
  { provider: 'anthropic', prefix: 'BURNRATE_ANTHROPIC', name: 'Anthropic (from environment)' },
];

export async function ensureConfiguredConnections(db: PrismaClient, env: Record<string, string | undefined>): Promise<string[]> {
  const names: string[] = [];
  for (const p of PROVIDERS) {
    const variable = `${p.prefix}_ADMIN_KEY`;
    if (!env[variable] && !env[`${variable}_FILE`]) continue;
    const baseUrl = env[`${p.prefix}_BASE_URL`] || null;
    await db.providerConnection.upsert({
      where: { name: p.name },
      create: { name: p.name, provider: p.provider, credentialEnv: variable, baseUrl },
      update: { credentialEnv: variable, baseUrl },
    });
    names.push(p.name);
  }
  return names;
}
