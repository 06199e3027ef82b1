import { z } from 'zod';
import { AppError, type ErrorBody } from './errors';
import { logger } from './log';

// The wrapper every route handler goes through: parses the query (and body) with zod,
// calls one lib function, validates what it returns, and maps errors in one place.

const MAX_BODY_BYTES = 1_000_000;

type Schemas<Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> = {
  query?: Q;
  body?: B;
  response: R;
};

type Handler<Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> = (input: {
  query: z.infer<Q>;
  body: z.infer<B>;
  request: Request;
  params: Record<string, string>;
}) => Promise<z.input<R>>;

export function route<Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined, R extends z.ZodType = z.ZodType>(
  schemas: Schemas<Q, B, R>,
  handler: Handler<Q, B, R>,
) {
  // Next types `params` as Promise<unknown>; dynamic segments are strings.
  return async (request: Request, context?: { params?: Promise<unknown> }): Promise<Response> => {
    try {
      const url = new URL(request.url);
      const query = (schemas.query ? parseOr400(schemas.query, Object.fromEntries(url.searchParams), 'query') : undefined) as z.infer<Q>;
      const body = (schemas.body ? parseOr400(schemas.body, await readJson(request), 'body') : undefined) as z.infer<B>;
      const params = ((await context?.params) ?? {}) as Record<string, string>;
      const result = await handler({ query, body, request, params });
      return Response.json(schemas.response.parse(result), { headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}

function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || where}: ${i.message}`);
  throw new AppError('bad_request', `Invalid ${where}: ${issues.join('; ')}`, { issues: result.error.issues });
}

async function readJson(request: Request): Promise<unknown> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) throw new AppError('payload_too_large', `Body is larger than ${MAX_BODY_BYTES} bytes`);
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError('payload_too_large', `Body is larger than ${MAX_BODY_BYTES} bytes`);
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    throw new AppError('bad_request', 'Body is not valid JSON');
  }
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
