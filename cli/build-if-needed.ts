import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// `npm start` builds the Next.js app only when its sources changed since the last build:
// a fingerprint of every source file's path and content, stored next to the build. Content,
// not mtime: `npm install` regenerates the Prisma client with new mtimes, same content.

const SOURCES = ['app', 'components', 'lib', 'generated', 'public', 'proxy.ts', 'next.config.ts', 'tsconfig.json', 'package.json', 'postcss.config.mjs'];
const STAMP = path.join('.next', 'burnrate-source-fingerprint');

export function sourceFingerprint(root: string): string {
  const hash = createHash('sha256');
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p).sort()) {
        if (entry === 'node_modules' || entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) continue;
        visit(path.join(p, entry));
      }
    } else {
      hash.update(`${path.relative(root, p)}\0`).update(readFileSync(p)).update('\n');
    }
  };
  for (const s of SOURCES) visit(path.join(root, s));
  return hash.digest('hex');
}

export function buildIsCurrent(root: string): boolean {
  const stamp = path.join(root, STAMP);
  return existsSync(path.join(root, '.next', 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === sourceFingerprint(root);
}

export function buildIfNeeded(root: string, force = false): void {
  if (!force && buildIsCurrent(root)) return;
  console.error('burnrate: building the web app (first start or changed sources; about a minute)…');
  const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const result = spawnSync(process.execPath, [next, 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    throw new Error('burnrate: the web app failed to build; the output above says why');
  }
  writeFileSync(path.join(root, STAMP), sourceFingerprint(root));
}
