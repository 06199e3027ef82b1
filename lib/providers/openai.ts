import OpenAI from 'openai';
import { z } from 'zod';
import { toProviderError } from './openai-errors';
import { PAGE_LIMITS, readCosts, readUsage } from './openai-usage';
import { ProviderError } from './provider';
import type { ConnectionAccess, KeyInfo, Provider, WidthSeconds } from './provider';

// The OpenAI connector: the official SDK against the Admin API (usage, costs, projects and
// project API keys). Only the admin key is ever sent. Retries are the job layer's (it
// honours Retry-After), so the SDK's own are off.

const PUBLIC_BASE_URL = 'https://api.openai.com/v1';
const DAY_MS = 86_400_000;

export type OpenAIProviderOptions = {
  timeoutMs?: number; // per request
  pageLimits?: Partial<Record<WidthSeconds, number>>; // buckets per page, within the API maxima
  fetch?: typeof fetch; // for tests that record what goes on the wire
};

function client(access: ConnectionAccess, options: OpenAIProviderOptions): OpenAI {
  // Explicit nulls keep OPENAI_API_KEY / OPENAI_ORG_ID / OPENAI_PROJECT_ID / OPENAI_BASE_URL
  // from the environment out of the requests: a connection is exactly its stored access.
  return new OpenAI({
    adminAPIKey: access.adminKey,
    apiKey: null,
    organization: null,
    project: null,
    baseURL: access.baseUrl ?? PUBLIC_BASE_URL,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 30_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

const projectSchema = z.object({ id: z.string(), name: z.string().nullish(), archived_at: z.number().nullish(), status: z.string().nullish() });
const keySchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  redacted_value: z.string().nullish(),
  created_at: z.number().nullish(),
  last_used_at: z.number().nullish(),
  owner: z
    .object({
      type: z.string().nullish(),
      user: z.object({ email: z.string().nullish(), name: z.string().nullish() }).nullish(),
      service_account: z.object({ name: z.string().nullish() }).nullish(),
    })
    .nullish(),
});

function checked<T extends z.ZodType>(schema: T, item: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(item);
  if (!parsed.success) throw new ProviderError('openai', 'unavailable', `Unexpected ${what} from OpenAI: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export function createOpenAIProvider(options: OpenAIProviderOptions = {}): Provider {
  const limits = { ...PAGE_LIMITS, ...options.pageLimits };
  // One chunk of minutes is a day, of hours a week, of days a month: a page or two each.
  const maxWindowMs: Record<WidthSeconds, number> = { 60: DAY_MS, 3600: 7 * DAY_MS, 86400: 31 * DAY_MS };

  async function run<T>(access: ConnectionAccess, work: (c: OpenAI) => Promise<T>): Promise<T> {
    if (!access.adminKey?.trim()) throw new ProviderError('openai', 'auth', 'No OpenAI admin key is set for this connection');
    try {
      return await work(client(access, options));
    } catch (error) {
      throw toProviderError(error, access.adminKey);
    }
  }

  async function listKeys(c: OpenAI): Promise<KeyInfo[]> {
    const out: KeyInfo[] = [];
    // Archived projects too: their keys still carry usage history worth naming.
    for await (const raw of c.admin.organization.projects.list({ include_archived: true, limit: 100 })) {
      const project = checked(projectSchema, raw, 'project');
      const archived = project.archived_at != null || project.status === 'archived';
      // `any`: keys whose owner left the project are exactly the ones nobody watches.
      for await (const rawKey of c.admin.organization.projects.apiKeys.list(project.id, { limit: 100, owner_project_access: 'any' })) {
        const key = checked(keySchema, rawKey, 'project API key');
        const owner = key.owner?.type === 'service_account' ? key.owner.service_account?.name : key.owner?.user?.email;
        out.push({
          providerKeyId: key.id,
          name: key.name || key.id,
          redactedHint: key.redacted_value ?? null,
          projectId: project.id,
          projectName: project.name ?? null,
          owner: owner ?? null,
          status: archived ? 'inactive' : 'active',
          createdAtMs: key.created_at != null ? key.created_at * 1000 : null,
          lastUsedAtMs: key.last_used_at != null ? key.last_used_at * 1000 : null,
        });
      }
    }
    return out;
  }

  return {
    id: 'openai',
    maxWindowMs,

    validateCredential: (access) =>
      run(access, async (c) => {
        // One usage read (api.usage.read) and one project read (api.management.read):
        // the connector needs both scopes, so say now which one is missing.
        const minute = Math.floor(Date.now() / 60_000) * 60 - 120;
        await c.admin.organization.usage.completions({ start_time: minute, end_time: minute + 60, bucket_width: '1m', limit: 1 });
        await c.admin.organization.projects.list({ limit: 1 });
      }),

    fetchUsage: (access, window, onPage) =>
      run(access, (c) => readUsage(c, window, { maxWindowMs: maxWindowMs[window.widthSeconds], pageLimit: limits[window.widthSeconds], onPage })),

    fetchCosts: (access, window) => run(access, (c) => readCosts(c, window)),

    listKeys: (access) => run(access, listKeys),

    disableKey: (access, key) =>
      run(access, async (c) => {
        // Deleting needs the project; look it up when the caller does not know it.
        const projectId = key.projectId ?? (await listKeys(c)).find((k) => k.providerKeyId === key.providerKeyId)?.projectId;
        if (!projectId) throw new ProviderError('openai', 'not_found', `No OpenAI project holds the API key ${key.providerKeyId}`);
        await c.admin.organization.projects.apiKeys.delete(key.providerKeyId, { project_id: projectId });
      }),
  };
}

export const openaiProvider: Provider = createOpenAIProvider();
