import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES, type Role } from '@/lib/auth/roles';
import { loadRoutes, ORIGIN, type RouteEntry as Entry } from './api-routes';
import { freshDatabase } from './database';
import { signInAs } from './sign-in';

// Every route handler under app/api declares who may call it, and answers accordingly: 401
// for anonymous callers, 403 for roles without the permission, anything else for roles
// with it. A new route fails here until it has a rule and a row in ACCESS below.

// Routes that do not go through route(): they authenticate differently, on purpose.
const EXCEPTIONS: Record<string, string> = {
  'app/api/ingest/events/route.ts': 'ingest tokens (Authorization: Bearer brn_…), checked before the body is read',
  'app/api/ingest/otlp/v1/traces/route.ts': 'ingest tokens, like /api/ingest/events',
  'app/api/auth/[...all]/route.ts': "better-auth's own endpoints (sign-in, sign-out, session)",
};

// The reviewed rule for every method of every route. GETs read; writes need the role's permission.
const ACCESS: Record<string, string> = {
  'GET /api/health': 'public',
  'GET /api/overview/summary': 'read',
  'GET /api/overview/movers': 'read',
  'GET /api/usage/series': 'read',
  'GET /api/keys': 'read',
  'GET /api/keys/[id]': 'read',
  'GET /api/keys/[id]/series': 'read',
  'GET /api/keys/[id]/breakdown': 'read',
  'POST /api/keys/[id]/disable': 'key.disable',
  'GET /api/hygiene': 'read',
  'GET /api/audit': 'admin',
  'GET /api/audit/export': 'admin',
  'GET /api/environments/settings': 'read',
  'GET /api/environments/[name]/series': 'read',
  'GET /api/environments/[name]/breakdown': 'read',
  'PATCH /api/environments/[name]/settings': 'admin',
  'GET /api/incidents': 'read',
  'GET /api/incidents/[id]': 'read',
  'GET /api/incidents/[id]/series': 'read',
  'POST /api/incidents/[id]/acknowledge': 'incident.act',
  'POST /api/incidents/[id]/resolve': 'incident.act',
  'POST /api/incidents/[id]/feedback': 'incident.act',
  'GET /api/budgets': 'read',
  'PUT /api/budgets': 'budget.write',
  'DELETE /api/budgets/[id]': 'budget.write',
  'GET /api/budgets/export': 'budget.export',
  'GET /api/alert-routes': 'read',
  'POST /api/alert-routes': 'admin',
  'PATCH /api/alert-routes/[id]': 'admin',
  'DELETE /api/alert-routes/[id]': 'admin',
  'POST /api/alert-routes/[id]/test': 'admin',
  'GET /api/connections': 'read',
  'POST /api/connections': 'admin',
  'PATCH /api/connections/[id]': 'admin',
  'DELETE /api/connections/[id]': 'admin',
  'GET /api/ingest-tokens': 'read',
  'POST /api/ingest-tokens': 'admin',
  'DELETE /api/ingest-tokens/[id]': 'admin',
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'PATCH /api/users/[id]': 'admin',
  'POST /api/users/[id]/password': 'admin',
  'GET /api/settings/rotation': 'read',
  'PUT /api/settings/rotation': 'admin',
};

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let entries: Entry[] = [];
const cookies = {} as Record<Role, string>;
let routeAccess: (handler: unknown) => string | undefined;

beforeAll(async () => {
  ctx = await freshDatabase();
  // Before anything reads them: the route modules' prisma() and env() are per process.
  process.env.DATABASE_URL = ctx.url;
  ({ routeAccess } = await import('@/lib/http'));
  for (const role of ROLES) cookies[role] = (await signInAs(ctx.prisma, role)).cookie;
  entries = await loadRoutes(EXCEPTIONS);
}, 120_000);
afterAll(async () => {
  const { prisma } = await import('@/lib/db');
  await prisma().$disconnect();
  await ctx.cleanup();
});

const call = (entry: Entry, cookie?: string) => {
  const url = `${ORIGIN}${entry.key.split(' ')[1]!.replace('[id]', randomUUID()).replace('[name]', 'production')}`;
  const write = entry.method !== 'GET' && entry.method !== 'HEAD';
  const request = new Request(url, {
    method: entry.method,
    headers: { origin: ORIGIN, 'sec-fetch-site': 'same-origin', ...(cookie ? { cookie } : {}), ...(write ? { 'content-type': 'application/json' } : {}) },
    body: write ? '{}' : undefined,
  });
  return entry.handler(request, { params: Promise.resolve({ id: randomUUID(), name: 'production' }) });
};

describe('route access matrix', () => {
  it('finds the routes', () => {
    expect(entries.length).toBeGreaterThan(20);
  });

  it('every route handler declares an access rule, and it is the reviewed one', () => {
    const problems: string[] = [];
    for (const entry of entries) {
      const access = routeAccess(entry.handler);
      if (access === undefined) problems.push(`${entry.key} (${entry.file}) has no access rule: build it with route({ access, … }) or rawRoute({ access }, …)`);
      else if (ACCESS[entry.key] === undefined) problems.push(`${entry.key} declares "${access}" but is not in ACCESS in test/route-matrix.int.test.ts: review it and add it there`);
      else if (ACCESS[entry.key] !== access) problems.push(`${entry.key} declares "${access}", reviewed as "${ACCESS[entry.key]}"`);
    }
    const stale = Object.keys(ACCESS).filter((key) => !entries.some((e) => e.key === key));
    expect(problems).toEqual([]);
    expect(stale, 'ACCESS rows for routes that no longer exist').toEqual([]);
  });

  it('answers 401 to anonymous callers of every non-public route', async () => {
    const wrong: string[] = [];
    for (const entry of entries) {
      const res = await call(entry);
      const expected = routeAccess(entry.handler) === 'public' ? 'not 401' : 401;
      if (expected === 401 ? res.status !== 401 : res.status === 401) wrong.push(`${entry.key}: ${res.status}, expected ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(ROLES)('answers %s according to the role matrix', async (role) => {
    const wrong: string[] = [];
    for (const entry of entries) {
      const access = routeAccess(entry.handler)!;
      const allowed = access === 'public' || can(role, access as Parameters<typeof can>[1]);
      const res = await call(entry, cookies[role]);
      const ok = allowed ? res.status !== 401 && res.status !== 403 : res.status === 403;
      if (!ok) wrong.push(`${entry.key} as ${role}: ${res.status} ${JSON.stringify(await res.json().catch(() => null))}, expected ${allowed ? 'allowed' : 403}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses cross-site writes even from an admin', async () => {
    const writes = entries.filter((e) => e.method !== 'GET');
    expect(writes.length).toBeGreaterThan(5);
    for (const entry of writes) {
      const res = await entry.handler(
        new Request(`${ORIGIN}/api/x`, { method: entry.method, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', cookie: cookies.admin }, body: '{}' }),
        { params: Promise.resolve({ id: randomUUID(), name: 'production' }) },
      );
      expect(res.status, entry.key).toBe(403);
    }
  });
});
