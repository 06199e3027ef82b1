import type { DemoKey } from '@/lib/demo/demo-keys';
import { one, startFakeServer } from './fake-http';
import type { FakeReply, FakeRequest, FakeServer } from './fake-http';
import type { FakeTraffic } from './fake-traffic';
import { FaultPlan } from './faults';
import { analyticsReport, FakeApiError, pageCursor } from './anthropic-reports';
import { legacyCostReport, legacyMessagesReport } from './anthropic-legacy-reports';

// A fake of the Anthropic Admin API on loopback (analytics usage and cost, the legacy
// usage and cost reports, API keys), faithful enough that @anthropic-ai/sdk 1.12.0 drives it
// unchanged. It serves the anthropic keys of `traffic`; workspace = the key's projectId.
// Wire formats: the SDK's types, and /work/shared/reference/provider-apis.md §2.

export type FakeAnthropicOptions = {
  traffic: FakeTraffic;
  adminKey: string;
  faults?: FaultPlan;
  port?: number;
  analyticsEnabled?: boolean; // false: the organization is not enrolled in the analytics beta
};

export type KeyStatus = 'active' | 'inactive' | 'archived';
export type FakeAnthropic = FakeServer & { baseURL: string; faults: FaultPlan; keyStatus: Map<string, KeyStatus>; traffic: FakeTraffic };

export const ANALYTICS_BETA = 'analytics-usage-cost-2026-08-24';
// 2026-10-21 is what SDK 1.12.0 sends; 2023-06-01 is what curl samples and older SDKs send.
const VERSIONS = new Set(['2023-01-01', '2023-06-01', '2026-10-21']);

const error = (status: number, type: string, message: string, details?: Record<string, string>): FakeReply => ({
  status,
  body: { type: 'error', error: { type, message, ...(details ? { details } : {}) } },
});

// The SDK sends the key as `Authorization: Bearer`; curl samples and older clients as
// `x-api-key`. Either is checked the same way.
function denied(req: FakeRequest, adminKey: string): FakeReply | null {
  const header = (name: string) => {
    const v = req.headers[name];
    return (Array.isArray(v) ? v[0] : v)?.trim();
  };
  const key = header('x-api-key') || /^Bearer\s+(.+)$/i.exec(header('authorization') ?? '')?.[1]?.trim();
  if (!key) return error(401, 'authentication_error', 'x-api-key header is required');
  if (key.startsWith('sk-ant-api')) return error(403, 'permission_error', 'This endpoint requires an Admin API key (sk-ant-admin...), not a standard API key.');
  if (key !== adminKey) return error(401, 'authentication_error', 'invalid x-api-key');
  const version = header('anthropic-version');
  if (!version) return error(400, 'invalid_request_error', 'anthropic-version: header is required');
  if (!VERSIONS.has(version)) return error(400, 'invalid_request_error', `anthropic-version: "${version}" is not a valid version`);
  return null;
}

const userId = (email: string) => `user_demo_${email.split('@')[0]!.replace(/\W/g, '_')}`;

export async function startFakeAnthropic(options: FakeAnthropicOptions): Promise<FakeAnthropic> {
  const { traffic, adminKey } = options;
  const faults = options.faults ?? new FaultPlan();
  const analyticsEnabled = options.analyticsEnabled ?? true;
  const keys = traffic.keys.filter((k) => k.provider === 'anthropic');
  const keyIds = new Set(keys.map((k) => k.providerKeyId));
  const keyStatus = new Map<string, KeyStatus>(keys.map((k) => [k.providerKeyId, 'active']));

  const keyJson = (k: DemoKey) => ({
    id: k.providerKeyId,
    type: 'api_key',
    name: k.name,
    workspace_id: k.projectId, // older docs' field; the SDK reads `scope`
    scope: { type: 'workspace', workspace_id: k.projectId },
    created_at: k.providerCreatedAt,
    created_by: k.owner ? { id: userId(k.owner), type: 'user' } : null, // null: creator not recorded
    principal: null,
    partial_key_hint: k.redactedHint,
    status: keyStatus.get(k.providerKeyId),
    expires_at: null,
  });
  const noKey = (id: string) => error(404, 'not_found_error', `API key ${id} not found`);

  // GET /v1/organizations/api_keys: `limit` 1..1000 (default 20), `after_id`/`before_id`.
  const listKeys = (q: Map<string, string[]>): FakeReply => {
    const limit = Number(one(q, 'limit') ?? '20');
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return error(400, 'invalid_request_error', 'limit: must be an integer between 1 and 1000');
    const filters = { status: one(q, 'status'), workspace_id: one(q, 'workspace_id'), created_by_user_id: one(q, 'created_by_user_id') };
    const all = keys.map(keyJson).filter(
      (k) =>
        (!filters.status || k.status === filters.status) &&
        (!filters.workspace_id || k.scope.workspace_id === filters.workspace_id) &&
        (!filters.created_by_user_id || k.created_by?.id === filters.created_by_user_id),
    );
    const [after, before] = [one(q, 'after_id'), one(q, 'before_id')];
    const at = (id: string) => all.findIndex((k) => k.id === id);
    if ((after && at(after) < 0) || (before && at(before) < 0)) return error(400, 'invalid_request_error', `No API key with id ${after ?? before}`);
    const data = before ? all.slice(Math.max(0, at(before) - limit), at(before)) : all.slice(after ? at(after) + 1 : 0).slice(0, limit);
    const hasMore = before ? at(before) - limit > 0 : (after ? at(after) + 1 : 0) + limit < all.length;
    return { status: 200, body: { data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null } };
  };

  const updateKey = (id: string, body: unknown): FakeReply => {
    const key = keys.find((k) => k.providerKeyId === id);
    if (!key) return noKey(id);
    const update = (body ?? {}) as { status?: unknown; name?: unknown };
    if (update.status !== undefined && update.status !== null) {
      if (update.status !== 'active' && update.status !== 'inactive' && update.status !== 'archived')
        return error(400, 'invalid_request_error', 'status: must be one of active, inactive, archived');
      if (keyStatus.get(id) === 'archived') return error(400, 'invalid_request_error', 'An archived API key cannot be changed');
      const was = keyStatus.get(id) ?? 'active';
      keyStatus.set(id, update.status);
      // An inactive key is refused by the API, so it stops spending; reports change with it.
      if (was === 'active' && update.status !== 'active') traffic.stop(id, traffic.options.now());
      if (was !== 'active' && update.status === 'active') traffic.resume(id, traffic.options.now());
      cache.clear();
    }
    return { status: 200, body: keyJson(key) };
  };

  const analytics = (kind: 'usage' | 'cost', req: FakeRequest): FakeReply => {
    if (!analyticsEnabled)
      return error(400, 'invalid_request_error', `Your organization is not enrolled in the ${ANALYTICS_BETA} beta.`, { error_code: 'organization_not_enrolled_in_beta' });
    const betas = String(req.headers['anthropic-beta'] ?? '').split(',').map((b) => b.trim());
    if (!betas.includes(ANALYTICS_BETA)) return error(400, 'invalid_request_error', `This endpoint is in beta: send the header anthropic-beta: ${ANALYTICS_BETA}`);
    return { status: 200, body: analyticsReport(kind, req.query, context()) };
  };
  const cache = new Map<string, unknown>();
  const context = () => ({ traffic, keyIds, nowMs: traffic.options.now(), cache });

  const route = (req: FakeRequest): FakeReply => {
    const path = req.path.replace(/\/+$/, '');
    const get = req.method === 'GET';
    if (get && path === '/v1/organizations/analytics/usage') return analytics('usage', req);
    if (get && path === '/v1/organizations/analytics/cost') return analytics('cost', req);
    if (get && path === '/v1/organizations/usage_report/messages') return { status: 200, body: legacyMessagesReport(req.query, context()) };
    if (get && path === '/v1/organizations/cost_report') return { status: 200, body: legacyCostReport(req.query, context()) };
    if (get && path === '/v1/organizations/api_keys') return listKeys(req.query);
    const m = /^\/v1\/organizations\/api_keys\/([^/]+)$/.exec(path);
    if (m && get) {
      const key = keys.find((k) => k.providerKeyId === m[1]);
      return key ? { status: 200, body: keyJson(key) } : noKey(m[1]!);
    }
    if (m && req.method === 'POST') return updateKey(m[1]!, req.body);
    return error(404, 'not_found_error', `Not found: ${req.method} ${req.path}`);
  };

  const pageOf = (req: FakeRequest) => {
    if (req.query.has('after_id') || req.query.has('before_id')) return 2;
    try {
      return pageCursor(req.query).page;
    } catch {
      return 1;
    }
  };

  const server = await startFakeServer(
    { port: options.port, faults, pageOf },
    (req) => {
      try {
        return denied(req, adminKey) ?? route(req);
      } catch (e) {
        if (e instanceof FakeApiError) return error(e.status, e.type, e.message, e.details);
        throw e;
      }
    },
    (status) => (status === 529 ? error(529, 'overloaded_error', 'Overloaded') : error(status, 'api_error', 'Internal server error')),
    (retryAfterSeconds) => ({ ...error(429, 'rate_limit_error', 'Number of requests has exceeded your rate limit. Please try again later.'), headers: { 'retry-after': String(retryAfterSeconds) } }),
  );
  return { ...server, baseURL: server.url, faults, keyStatus, traffic };
}
