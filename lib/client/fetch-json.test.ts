import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, deleteJson, fetchJson, patchJson, postJson } from './fetch-json';

const schema = z.object({ n: z.number() });

function respondWith(status: number, body: string) {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status, headers: { 'content-type': 'application/json' } })));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchJson', () => {
  it('parses a successful body with the schema', async () => {
    respondWith(200, '{"n":3}');
    await expect(fetchJson('/api/x', schema)).resolves.toEqual({ n: 3 });
  });

  it.each([
    [400, '{"error":{"code":"bad_request","message":"Invalid query: range"}}', 'Invalid query: range', 'bad_request'],
    [500, '{"error":{"code":"internal","message":"Something went wrong"}}', 'Something went wrong', 'internal'],
    [502, '<html>Bad gateway</html>', 'Request failed with status 502.', 'http_error'],
    [404, '{"detail":"nope"}', 'Request failed with status 404.', 'http_error'],
    [200, '{"n":"three"}', 'Unexpected response from /api/x at n: Invalid input: expected number, received string.', 'bad_response'],
    [200, 'not json', 'Unexpected response from /api/x: Invalid input: expected object, received undefined.', 'bad_response'],
  ])('%s %s -> ApiError', async (status, body, message, code) => {
    respondWith(status, body);
    const error = await fetchJson('/api/x', schema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ message, code, status });
  });

  it('treats accepted error statuses as answers', async () => {
    respondWith(503, '{"n":1}');
    await expect(fetchJson('/api/x', schema, { acceptStatuses: [503] })).resolves.toEqual({ n: 1 });
  });

  it('turns a network failure into a readable error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(fetchJson('/api/x', schema)).rejects.toMatchObject({ code: 'network_error', status: 0 });
  });

  it('lets aborts through unchanged', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(abort)));
    await expect(fetchJson('/api/x', schema)).rejects.toBe(abort);
  });
});

describe('postJson', () => {
  it('sends the body as JSON and parses the answer', async () => {
    const fetchMock = vi.fn(async () => new Response('{"n":4}', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(postJson('/api/x', schema, { feedback: 'leak' })).resolves.toEqual({ n: 4 });
    expect(fetchMock).toHaveBeenCalledWith('/api/x', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{"feedback":"leak"}',
    });
  });

  it('sends no body and no content type for a bodiless action', async () => {
    const fetchMock = vi.fn(async () => new Response('{"n":5}', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(postJson('/api/x', schema)).resolves.toEqual({ n: 5 });
    expect(fetchMock).toHaveBeenCalledWith('/api/x', { method: 'POST', headers: { accept: 'application/json' }, body: undefined });
  });

  it('throws the server message of a refused action', async () => {
    respondWith(409, '{"error":{"code":"conflict","message":"Cannot acknowledge: the incident is already resolved"}}');
    await expect(postJson('/api/x', schema)).rejects.toMatchObject({ status: 409, code: 'conflict', message: 'Cannot acknowledge: the incident is already resolved' });
  });
});

describe('patchJson', () => {
  it('sends the changed fields as JSON with PATCH', async () => {
    const fetchMock = vi.fn(async () => new Response('{"n":6}', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(patchJson('/api/x/1', schema, { enabled: false })).resolves.toEqual({ n: 6 });
    expect(fetchMock).toHaveBeenCalledWith('/api/x/1', {
      method: 'PATCH',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{"enabled":false}',
    });
  });

  it('throws the server message of invalid input', async () => {
    respondWith(400, '{"error":{"code":"bad_request","message":"Invalid target: a Slack webhook must be an https:// URL"}}');
    await expect(patchJson('/api/x/1', schema, { target: 'http://example.com' })).rejects.toMatchObject({
      status: 400,
      code: 'bad_request',
      message: 'Invalid target: a Slack webhook must be an https:// URL',
    });
  });
});

describe('deleteJson', () => {
  it('sends DELETE without a body and parses the answer', async () => {
    const fetchMock = vi.fn(async () => new Response('{"n":7}', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(deleteJson('/api/x/1', schema)).resolves.toEqual({ n: 7 });
    expect(fetchMock).toHaveBeenCalledWith('/api/x/1', { method: 'DELETE', headers: { accept: 'application/json' }, body: undefined });
  });

  it('throws the server message when the thing is gone', async () => {
    respondWith(404, '{"error":{"code":"not_found","message":"No alert route 1"}}');
    await expect(deleteJson('/api/x/1', schema)).rejects.toMatchObject({ status: 404, code: 'not_found', message: 'No alert route 1' });
  });
});
