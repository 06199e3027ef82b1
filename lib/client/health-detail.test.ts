import { describe, expect, it } from 'vitest';
import type { Health } from '@/lib/usage/overview-schemas';
import { healthDetail } from './health-detail';

const NOW = new Date('2026-03-10T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const healthy: Health = {
  status: 'ok',
  database: { ok: true, latencyMs: 3 },
  scheduler: { ok: true, lastHeartbeatAt: ago(20_000), detail: 'last heartbeat 20 s ago' },
  detection: { ok: true, throughAt: ago(3 * 60_000), rebuilding: false, detail: 'usage judged up to 3 min ago' },
  connections: [{ name: 'Prod OpenAI', provider: 'openai', ok: true, lastSuccessAt: ago(30_000), error: null }],
};

describe('healthDetail', () => {
  it.each<[string, Partial<Health>, string]>([
    ['all well', {}, 'Collector heartbeat just now · usage judged up to 3 min ago'],
    ['detection current to the minute', { detection: { ...healthy.detection, throughAt: ago(20_000) } }, 'Collector heartbeat just now · usage judged up to the last minute'],
    ['detection before its first run', { detection: { ...healthy.detection, throughAt: null } }, 'Collector heartbeat just now'],
    ['detection rebuilding', { detection: { ok: false, throughAt: ago(60_000), rebuilding: true, detail: 'rebuilding the baselines after a restart; pages resume when done' } }, 'Detection: rebuilding the baselines after a restart; pages resume when done'],
    ['the scheduler stale (before detection)', { scheduler: { ok: false, lastHeartbeatAt: ago(600_000), detail: 'stale: last heartbeat 10 min ago' }, detection: { ...healthy.detection, ok: false, detail: '31 min behind' } }, 'Scheduler: stale: last heartbeat 10 min ago'],
    ['a connection failing', { connections: [{ ...healthy.connections[0]!, ok: false, error: 'auth (HTTP 401): bad key' }] }, 'Prod OpenAI: auth (HTTP 401): bad key'],
    ['the database down', { database: { ok: false, latencyMs: null, error: 'connection refused' } }, 'Database: connection refused'],
  ])('%s', (_, change, line) => {
    expect(healthDetail({ ...healthy, ...change }, NOW)).toBe(line);
  });
});
