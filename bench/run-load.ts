import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadResultSchema, type LoadResult } from './load-result';

// Runs bench/ingest-load.ts in a second process with tsx and reads its one-line result.

const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export type LoadOptions = {
  url: string;
  mode: 'events' | 'health';
  token?: string;
  concurrency: number;
  batch: number;
  durationMs: number;
  maxRequests: number;
  warmup: number;
  keys: number;
  seed: number;
  redelivery: number;
};

export function runLoad(options: LoadOptions, log: (line: string) => void): Promise<LoadResult> {
  const { url, mode, token, concurrency, batch, durationMs, maxRequests, warmup, keys, seed, redelivery } = options;
  const args = Object.entries({ url, mode, concurrency, batch, 'duration-ms': durationMs, 'max-requests': maxRequests, warmup, keys, seed, redelivery }).flatMap(
    ([k, v]) => [`--${k}`, String(v)],
  );
  const child = spawn(process.execPath, [TSX, path.join(ROOT, 'bench', 'ingest-load.ts'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BURNRATE_BENCH_TOKEN: token ?? '' },
  });
  let output = '';
  const errors: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (line.startsWith('  load:')) log(line);
    else errors.push(line);
  });
  // The generator bounds itself; this is the backstop if it hangs.
  const killer = setTimeout(() => child.kill('SIGKILL'), durationMs + 120_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(killer);
      const line = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line) {
        reject(new Error(`bench: the load generator failed (${signal ?? `code ${code}`}): ${errors.slice(-10).join('\n')}`));
        return;
      }
      resolve(loadResultSchema.parse(JSON.parse(line)));
    });
  });
}
