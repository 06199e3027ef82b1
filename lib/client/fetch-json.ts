import { z } from 'zod';

const errorEnvelopeSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** A failed API call. `message` is the server's own message when it sent the error envelope. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

type FetchJsonOptions = RequestInit & {
  // Some endpoints (health) answer with a valid body and a 503; those statuses are parsed as success.
  acceptStatuses?: readonly number[];
};

/** GETs `url` and parses the body with `schema`; throws ApiError for HTTP, network and shape failures. */
export async function fetchJson<T>(url: string, schema: z.ZodType<T>, options: FetchJsonOptions = {}): Promise<T> {
  const { acceptStatuses = [], ...init } = options;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, ...init });
  } catch (cause) {
    // Aborts are React Query cancelling a stale request; they must stay AbortErrors.
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('Could not reach the Burnrate server. Check that it is running.', 0, 'network_error');
  }

  const body: unknown = await response.json().catch(() => undefined);

  if (!response.ok && !acceptStatuses.includes(response.status)) {
    const envelope = errorEnvelopeSchema.safeParse(body);
    if (envelope.success) throw new ApiError(envelope.data.error.message, response.status, envelope.data.error.code);
    const statusText = response.statusText ? ` ${response.statusText}` : '';
    throw new ApiError(`Request failed with status ${response.status}${statusText}.`, response.status, 'http_error');
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new ApiError(`Unexpected response from ${url}${where}: ${issue?.message ?? 'invalid body'}.`, response.status, 'bad_response');
  }
  return parsed.data;
}

/**
 * POSTs `body` as JSON (or nothing, for bodiless actions) and parses the answer like
 * fetchJson; a refused action (409) throws an ApiError carrying the server's message.
 */
export function postJson<T>(url: string, schema: z.ZodType<T>, body?: unknown, options: RequestInit = {}): Promise<T> {
  return sendJson('POST', url, schema, body, options);
}

/** PATCHes the changed fields as JSON and parses the answer like fetchJson. */
export function patchJson<T>(url: string, schema: z.ZodType<T>, body: unknown, options: RequestInit = {}): Promise<T> {
  return sendJson('PATCH', url, schema, body, options);
}

/** DELETEs `url` (no body) and parses the answer like fetchJson. */
export function deleteJson<T>(url: string, schema: z.ZodType<T>, options: RequestInit = {}): Promise<T> {
  return sendJson('DELETE', url, schema, undefined, options);
}

function sendJson<T>(method: 'POST' | 'PATCH' | 'DELETE', url: string, schema: z.ZodType<T>, body: unknown, options: RequestInit): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetchJson(url, schema, {
    ...options,
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
