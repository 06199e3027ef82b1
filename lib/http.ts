import { z } from 'zod';
import { originsFor } from './auth/auth-config';
import { checkOrigin, originHeaders } from './auth/origin-check';
import { can, forbiddenMessage, type Permission } from './auth/roles';
import { bindActor } from './auth/request-actor';
import { actorOf, readSession } from './auth/session';
import { env } from './env';
import { AppError, type ErrorBody } from './errors';
import type { Actor } from './incidents/incident-actions';
import { logger } from './log';
import { hasNul, readJsonBody } from './security/read-json-body';

// The wrapper every route handler goes through: checks who is asking (`access`, before
// anything is parsed), parses the query (and body) with zod, calls one lib function,
// validates what it returns, and maps errors in one place.

/** Bodies route() reads: settings and forms are far smaller. A route may allow more (`maxBodyBytes`). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Who may call a route: anyone, or signed-in users whose role holds the permission. */
export type Access = 'public' | Permission;

/** Set on every handler route() and rawRoute() build; test/route-matrix.int.test.ts reads it. */
export const ROUTE_ACCESS = Symbol.for('burnrate.route-access');

type ActorFor<A extends Access> = A extends 'public' ? Actor | null : Actor;

type Schemas<A extends Access, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> = {
  access: A;
  query?: Q;
  body?: B;
  /** Bytes the body may have, counted while it is read; default MAX_BODY_BYTES. */
  maxBodyBytes?: number;
  response: R;
};

type Handler<A extends Access, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> = (input: {
  query: z.infer<Q>;
  body: z.infer<B>;
  request: Request;
  params: Record<string, string>;
  actor: ActorFor<A>;
}) => Promise<z.input<R>>;

// Next types `params` as Promise<unknown>; dynamic segments are strings.
type RouteContext = { params?: Promise<unknown> };
export type RouteHandler = ((request: Request, context?: RouteContext) => Promise<Response>) & { [ROUTE_ACCESS]: Access };

export function route<A extends Access, Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined, R extends z.ZodType = z.ZodType>(
  schemas: Schemas<A, Q, B, R>,
  handler: Handler<A, Q, B, R>,
): RouteHandler {
  return rawRoute({ access: schemas.access }, async ({ request, params, actor }) => {
    const query = (schemas.query ? parseQuery(schemas.query, request) : undefined) as z.infer<Q>;
    const body = (schemas.body ? parseOr400(schemas.body, await readJsonBody(request, { maxBytes: schemas.maxBodyBytes ?? MAX_BODY_BYTES }), 'body') : undefined) as z.infer<B>;
    const result = await handler({ query, body, request, params, actor });
    return Response.json(schemas.response.parse(result), { headers: { 'cache-control': 'no-store' } });
  });
}

/**
 * For handlers that build their own Response (CSV, a 503 health report): the same access
 * check and error mapping as route(), without the JSON parsing and validation.
 */
export function rawRoute<A extends Access>(
  options: { access: A },
  handler: (input: { request: Request; params: Record<string, string>; actor: ActorFor<A> }) => Promise<Response>,
): RouteHandler {
  const wrapped = async (request: Request, context?: RouteContext): Promise<Response> => {
    try {
      const actor = (await authorize(request, options.access)) as ActorFor<A>;
      const params = ((await context?.params) ?? {}) as Record<string, string>;
      return await handler({ request, params, actor });
    } catch (error) {
      return errorResponse(error, request);
    }
  };
  return Object.assign(wrapped, { [ROUTE_ACCESS]: options.access });
}

/** The access rule a route handler was built with, if it was built by route() or rawRoute(). */
export function routeAccess(handler: unknown): Access | undefined {
  return typeof handler === 'function' ? (handler as Partial<RouteHandler>)[ROUTE_ACCESS] : undefined;
}

// 401 / 403 before anything else is read. Public routes never touch the session.
async function authorize(request: Request, access: Access): Promise<Actor | null> {
  const refused = checkOrigin(originHeaders(request), originsFor(env()));
  if (refused) throw new AppError('forbidden', refused);
  if (access === 'public') return null;
  const session = await readSession(request.headers);
  if (!session) throw new AppError('unauthorized', 'You are not signed in (or your session expired); sign in at /sign-in and try again');
  const { user } = session;
  if (user.mustChangePassword) throw new AppError('forbidden', 'Change your one-time password first, at /account/password');
  if (!can(user.role, access)) throw new AppError('forbidden', forbiddenMessage(user.role, access));
  const actor = actorOf(user);
  bindActor(request, actor);
  return actor;
}

/** The request's query parsed with `schema`, or a 400 naming each bad parameter (for rawRoute handlers too). */
export function parseQuery<S extends z.ZodType>(schema: S, request: Request): z.infer<S> {
  const params = new URL(request.url).searchParams;
  for (const [key, value] of params) {
    // Postgres text cannot hold NUL: a clear 400 rather than a database error.
    if (hasNul(key) || hasNul(value)) throw new AppError('bad_request', `Invalid query: ${hasNul(key) ? 'a parameter name' : key} contains a NUL character (%00); remove it`);
  }
  return parseOr400(schema, Object.fromEntries(params), 'query');
}

function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || where}: ${i.message}`);
  throw new AppError('bad_request', `Invalid ${where}: ${issues.join('; ')}`, { issues: result.error.issues });
}

export function errorResponse(error: unknown, request?: Request): Response {
  const app =
    error instanceof AppError ? error : new AppError('internal', 'Something went wrong on the server; the error was logged');
  if (!(error instanceof AppError)) {
    logger.error('route_failed', { path: request ? new URL(request.url).pathname : undefined, error: error instanceof Error ? error.message : String(error) });
  }
  const body: ErrorBody = { error: { code: app.code, message: app.message } };
  return Response.json(body, { status: app.status, headers: { 'cache-control': 'no-store' } });
}

const uuid = z.uuid();

/** A dynamic `[id]` segment that must be a uuid, or a 404 naming what was not found (not a database error). */
export function idParam(params: Record<string, string>, noun: string): string {
  const parsed = uuid.safeParse(params.id);
  if (!parsed.success) throw new AppError('not_found', `No ${noun} "${params.id}": ids look like 0b6f2c1e-…`);
  return parsed.data;
}
