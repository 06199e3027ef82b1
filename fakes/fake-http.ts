import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FaultPlan } from './faults';

// The small HTTP layer both fake providers share: a loopback server, query parsing that
// accepts `k=v&k=v`, `k[]=v` and a single value alike, JSON replies, and fault injection.

export type FakeRequest = {
  method: string;
  path: string;
  query: Map<string, string[]>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
};

export type FakeReply = { status: number; body: unknown; headers?: Record<string, string> };

export type FakeServer = { url: string; port: number; stop: () => Promise<void>; requests: { method: string; path: string; status: number }[] };

export function parseQuery(search: URLSearchParams): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [rawKey, value] of search) {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    out.set(key, [...(out.get(key) ?? []), value]);
  }
  return out;
}

export function one(query: Map<string, string[]>, key: string): string | undefined {
  return query.get(key)?.[0];
}

export async function startFakeServer(
  options: { port?: number; faults: FaultPlan; pageOf: (req: FakeRequest) => number },
  handle: (req: FakeRequest) => FakeReply | Promise<FakeReply>,
  serverError: (status: number) => FakeReply,
  rateLimited: (retryAfterSeconds: number) => FakeReply,
): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const request: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, query: parseQuery(url.searchParams), headers: req.headers, body };
    let reply = await handle(request);
    if (reply.status < 400) {
      const fault = options.faults.take(request.path, options.pageOf(request));
      if (fault?.kind === 'timeout') return; // the socket stays open until the client gives up
      if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.ms));
      if (fault?.kind === 'rate_limit') reply = rateLimited(fault.retryAfterSeconds);
      if (fault?.kind === 'server_error' || fault?.kind === 'fail_page') reply = serverError(fault.kind === 'server_error' ? (fault.status ?? 500) : 500);
    }
    requests.push({ method: request.method, path: request.path, status: reply.status });
    const payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json', ...reply.headers });
    res.end(payload);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export type Outage = 'refused' | 'unavailable';

/**
 * A fake that can be taken down and brought back on the same port: `refused` closes the
 * port (nothing listens), `unavailable` keeps it and lets the fake answer 503.
 */
export async function switchableServer(start: (port: number) => Promise<FakeServer>, port = 0) {
  let server: FakeServer | null = await start(port);
  const fixedPort = server.port;
  let mode: 'up' | Outage = 'up';
  return {
    port: fixedPort,
    unavailable: () => mode === 'unavailable',
    async down(how: Outage = 'refused') {
      mode = how;
      if (how === 'unavailable') return;
      await server?.stop();
      server = null;
      // Let in-process clients see their kept-alive sockets close, so the next request
      // is refused rather than written into a dead socket (ECONNRESET).
      await new Promise((r) => setTimeout(r, 20));
    },
    async up() {
      server ??= await start(fixedPort);
      mode = 'up';
    },
    async stop() {
      await server?.stop();
      server = null;
    },
  };
}
