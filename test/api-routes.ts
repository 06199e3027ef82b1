import { readdirSync } from 'node:fs';
import path from 'node:path';

// The route handlers under app/api, loaded in-process for tests that call every one of them
// (test/route-matrix.int.test.ts, test/secret-leak.int.test.ts, test/fuzz-routes.int.test.ts). Import after setting
// DATABASE_URL: the route modules' prisma() and env() are per process.

export const ROOT = path.resolve(import.meta.dirname, '..');
export const ORIGIN = 'http://localhost:3000';
export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export type RouteHandler = ((request: Request, context?: { params?: Promise<unknown> }) => Promise<Response>) & { [key: symbol]: unknown };
/** `key` is "GET /api/keys/[id]": the method and the route's folder under app/. */
export type RouteEntry = { key: string; file: string; method: string; handler: RouteHandler };

export function routeFiles(): string[] {
  return (readdirSync(path.join(ROOT, 'app/api'), { recursive: true }) as string[])
    .filter((f) => path.basename(f) === 'route.ts')
    .map((f) => path.posix.join('app/api', f.split(path.sep).join('/')))
    .sort();
}

/** Every exported method handler of every route file, but the files in `skip`. */
export async function loadRoutes(skip: Record<string, string> = {}): Promise<RouteEntry[]> {
  const entries: RouteEntry[] = [];
  for (const file of routeFiles()) {
    if (skip[file]) continue;
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    const urlPath = `/${path.posix.dirname(file).replace(/^app\//, '')}`;
    for (const method of METHODS) {
      if (typeof mod[method] === 'function') entries.push({ key: `${method} ${urlPath}`, file, method, handler: mod[method] as RouteHandler });
    }
  }
  return entries;
}
