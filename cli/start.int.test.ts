import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// What a user sees when `npm start` cannot start: one line that says what to do, exit 1.
const ROOT = path.resolve(import.meta.dirname, '..');

function runStart(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/burnrate.mjs', 'start'], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', BURNRATE_PG_PORT: '', ...env },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => (stdout += d));
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

const servers: net.Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

function occupyPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    servers.push(server);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

describe('burnrate start refuses clearly', () => {
  it('when the web port is in use', async () => {
    const port = await occupyPort();
    const { code, stderr } = await runStart({ PORT: String(port) });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      `burnrate: port ${port} is in use (another Burnrate?); stop that process or start on another port with PORT=${port + 1} npm start`,
    ]);
  });

  it('when the data folder is not a Postgres data directory', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'burnrate-broken-'));
    mkdirSync(path.join(dataDir, 'pg'));
    writeFileSync(path.join(dataDir, 'pg', 'notes.txt'), 'not a database');
    const { code, stderr } = await runStart({ PORT: String(await freePort()), BURNRATE_DATA_DIR: dataDir });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n').filter((l) => !l.includes('database_dir_moved'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/is not a Postgres data directory \(no PG_VERSION\); move it away or delete it/);
  });

  it('when an explicitly configured database port is in use', async () => {
    const busy = await occupyPort();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'burnrate-port-'));
    const { code, stderr } = await runStart({ PORT: String(await freePort()), BURNRATE_DATA_DIR: dataDir, BURNRATE_PG_PORT: String(busy) });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n').filter((l) => !l.includes('database_dir_moved'))).toEqual([
      `burnrate: port ${busy} for the embedded database is in use; set BURNRATE_PG_PORT to a free port`,
    ]);
  });

  it('when the configuration is invalid', async () => {
    const { code, stderr } = await runStart({ BURNRATE_DEMO: 'maybe' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/BURNRATE_DEMO: BURNRATE_DEMO must be auto, on or off/);
  });
});

async function freePort(): Promise<number> {
  const port = await occupyPort();
  servers.pop()!.close();
  return port;
}
