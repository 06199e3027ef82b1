import type { DemoKey } from '@/lib/demo/demo-keys';
import type { FakeTraffic } from './fake-traffic';
import { FaultPlan } from './faults';
import { one, startFakeServer } from './fake-http';
import type { FakeReply, FakeRequest, FakeServer } from './fake-http';
import { BadQuery, costsPage, pageOfQuery, usagePage, USAGE_ENDPOINTS } from './openai-admin-usage';

// A fake of the OpenAI Admin API (usage, costs, projects, project API keys) on loopback,
// faithful enough that the official `openai` SDK drives it unchanged. It serves the
// openai demo keys of `traffic`. Wire format: /work/shared/reference/provider-apis.md §1.

export type FakeOpenAIOptions = {
  traffic: FakeTraffic;
  adminKey: string;
  faults?: FaultPlan;
  port?: number;
  archivedProjectIds?: readonly string[]; // listed only with include_archived=true
};

export type FakeOpenAI = FakeServer & { baseURL: string; faults: FaultPlan; deletedKeys: Set<string>; traffic: FakeTraffic };

const error = (status: number, message: string, extra: { type?: string; code?: string | null; param?: string | null } = {}): FakeReply => ({
  status,
  body: { error: { message, type: extra.type ?? 'invalid_request_error', param: extra.param ?? null, code: extra.code ?? null } },
});

// OpenAI echoes a wrong key only in part, like sk-admin****0000.
const partly = (key: string) => (key.length < 12 ? '***' : `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`);
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function authError(req: FakeRequest, adminKey: string): FakeReply | null {
  const header = req.headers.authorization ?? '';
  const key = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (!key) {
    return error(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");
  }
  if (key.startsWith('sk-proj-')) {
    const scope = /\/organization\/(usage|costs)/.test(req.path) ? 'api.usage.read' : 'api.management.read';
    return error(403, `You have insufficient permissions for this operation. Missing scopes: ${scope}. Organization endpoints need an admin key.`);
  }
  if (key !== adminKey) {
    return error(401, `Incorrect API key provided: ${partly(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`, { code: 'invalid_api_key' });
  }
  return null;
}

type Listable = { id: string };

// The list envelope with an `after` cursor (an object id) and `limit` 1..100.
function list<T extends Listable>(all: readonly T[], visible: (item: T) => boolean, req: FakeRequest): FakeReply {
  const rawLimit = one(req.query, 'limit') ?? '20';
  const limit = Number(rawLimit);
  if (!/^\d+$/.test(rawLimit) || limit < 1 || limit > 100) return error(400, "Invalid value for 'limit': must be between 1 and 100.", { param: 'limit' });
  const after = one(req.query, 'after');
  const from = after === undefined ? 0 : all.findIndex((x) => x.id === after) + 1;
  if (from === 0 && after !== undefined) return error(400, `Invalid value for 'after': no object with id '${after}'.`, { param: 'after' });
  const rest = all.slice(from).filter(visible);
  const data = rest.slice(0, limit);
  return { status: 200, body: { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: rest.length > limit } };
}

export async function startFakeOpenAI(options: FakeOpenAIOptions): Promise<FakeOpenAI> {
  const { traffic, adminKey } = options;
  const faults = options.faults ?? new FaultPlan();
  const deletedKeys = new Set<string>();
  const archived = new Set(options.archivedProjectIds ?? []);
  const keys = traffic.keys.filter((k) => k.provider === 'openai');
  const projects = [...new Map(keys.map((k) => [k.projectId, k])).values()].map((k) => {
    const created = Math.min(...keys.filter((o) => o.projectId === k.projectId).map((o) => seconds(o.providerCreatedAt)));
    const archivedAt = archived.has(k.projectId) ? Math.floor(traffic.options.now() / 1000) : null;
    return { object: 'organization.project', id: k.projectId, name: k.projectName, created_at: created, archived_at: archivedAt, status: archivedAt ? 'archived' : 'active' };
  });

  const keyJson = (k: DemoKey) => {
    const created = seconds(k.providerCreatedAt);
    // A key nobody owns any more is modelled as a service account's key.
    const owner = k.owner
      ? { type: 'user', user: { id: `user_${k.owner.replace(/\W/g, '_')}`, name: k.owner.split('@')[0], email: k.owner, role: 'owner', created_at: created } }
      : { type: 'service_account', service_account: { id: `svc_acct_${k.providerKeyId}`, name: `svc-${k.providerKeyId.replace(/^key_/, '')}`, role: 'member', created_at: created } };
    const lastUsed = Math.floor(traffic.options.now() / 60_000) * 60;
    return { object: 'organization.project.api_key', id: k.providerKeyId, name: k.name, redacted_value: k.redactedHint, created_at: created, last_used_at: lastUsed, owner, owner_project_access: 'active' };
  };
  const projectKeys = (projectId: string) => keys.filter((k) => k.projectId === projectId).map(keyJson);
  const findKey = (projectId: string, keyId: string) => projectKeys(projectId).find((k) => k.id === keyId && !deletedKeys.has(k.id));
  const noKey = (keyId: string) => error(404, `No such API key: '${keyId}'.`, { param: 'api_key_id' });
  const noProject = (projectId: string) => error(404, `No such project: '${projectId}'.`, { param: 'project_id' });

  const route = (req: FakeRequest): FakeReply => {
    const path = req.path.replace(/\/+$/, '');
    const get = req.method === 'GET';
    let m: RegExpExecArray | null;
    if (get && (m = /^\/v1\/organization\/usage\/([a-z_]+)$/.exec(path)) && m[1]! in USAGE_ENDPOINTS) return { status: 200, body: usagePage(traffic, m[1]!, req.query) };
    if (get && path === '/v1/organization/costs') return { status: 200, body: costsPage(traffic, req.query) };
    if (get && path === '/v1/organization/projects') {
      const withArchived = one(req.query, 'include_archived') === 'true';
      return list(projects, (p) => withArchived || p.archived_at === null, req);
    }
    if ((m = /^\/v1\/organization\/projects\/([^/]+)(?:\/api_keys(?:\/([^/]+))?)?$/.exec(path))) {
      const [projectId, keyId, keysPart] = [m[1]!, m[2], path.includes('/api_keys')];
      const project = projects.find((p) => p.id === projectId);
      if (!project) return noProject(projectId);
      if (get && !keysPart) return { status: 200, body: project };
      if (get && keysPart && !keyId) return list(projectKeys(projectId), (k) => !deletedKeys.has(k.id), req);
      if (keyId && get) return findKey(projectId, keyId) ? { status: 200, body: findKey(projectId, keyId) } : noKey(keyId);
      if (keyId && req.method === 'DELETE') {
        if (!findKey(projectId, keyId)) return noKey(keyId);
        deletedKeys.add(keyId);
        traffic.stop(keyId, traffic.options.now());
        return { status: 200, body: { object: 'organization.project.api_key.deleted', id: keyId, deleted: true } };
      }
    }
    return error(404, `Invalid URL (${req.method} ${req.path})`);
  };

  const server = await startFakeServer(
    { port: options.port, faults, pageOf: (req) => (req.query.has('page') ? pageOfQuery(req.query) : req.query.has('after') ? 2 : 1) },
    (req) => {
      const denied = authError(req, adminKey);
      if (denied) return denied;
      try {
        return route(req);
      } catch (e) {
        if (e instanceof BadQuery) return error(400, e.message, { param: e.param });
        throw e;
      }
    },
    (status) => error(status, 'The server had an error while processing your request. Sorry about that!', { type: 'server_error' }),
    (retryAfterSeconds) => ({
      ...error(429, 'Rate limit reached for admin requests. Please try again later.', { type: 'requests', code: 'rate_limit_exceeded' }),
      headers: { 'retry-after': String(retryAfterSeconds) },
    }),
  );
  return { ...server, baseURL: `${server.url}/v1`, faults, deletedKeys, traffic };
}
