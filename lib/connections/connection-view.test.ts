import { describe, expect, it } from 'vitest';
import { ProviderError } from '@/lib/providers/provider';
import { auditedConnection, connectionView, credentialOf, credentialRefusal, type ConnectionRow } from './connection-view';

const row: ConnectionRow = {
  id: 'c1', name: 'OpenAI prod', provider: 'openai', baseUrl: null, credentialEnv: null, secretId: 's1', enabled: true, demo: false,
  syncStatus: 'error', lastSyncAt: new Date('2026-03-01T10:00:00Z'), lastSuccessAt: null, lastError: 'auth (HTTP 401): Incorrect API key provided', createdAt: new Date('2026-03-01T00:00:00Z'),
};
const KEY = 'sk-admin-fake-0000000000000000abcd';

describe('credentialOf', () => {
  it.each([
    [{ secretId: 's1', credentialEnv: 'X' }, 'sk-admin-...abcd', { source: 'secret', hint: 'sk-admin-...abcd' }],
    [{ secretId: null, credentialEnv: 'BURNRATE_OPENAI_ADMIN_KEY' }, null, { source: 'environment', variable: 'BURNRATE_OPENAI_ADMIN_KEY' }],
    [{ secretId: null, credentialEnv: null }, null, { source: 'none' }],
  ])('%j -> %j', (r, hint, expected) => {
    expect(credentialOf(r, hint)).toEqual(expected);
  });
});

describe('connectionView', () => {
  it('shows times as ISO, the last error in the provider’s words, and a paused connection as disabled', () => {
    expect(connectionView(row, 'sk-admin-...abcd', 3)).toMatchObject({ syncStatus: 'error', lastSyncAt: '2026-03-01T10:00:00.000Z', lastSuccessAt: null, lastError: row.lastError, keyCount: 3 });
    expect(connectionView({ ...row, enabled: false }, null, 0)).toMatchObject({ syncStatus: 'disabled', enabled: false });
  });

  it('audits settings and where the key is kept, nothing else', () => {
    expect(auditedConnection(row, 'sk-admin-...abcd')).toEqual({ name: 'OpenAI prod', provider: 'openai', baseUrl: null, enabled: true, demo: false, credential: { source: 'secret', hint: 'sk-admin-...abcd' } });
  });
});

describe('credentialRefusal', () => {
  it.each([
    [new ProviderError('openai', 'auth', `Incorrect API key provided: ${KEY}.`, 401), 422, `OpenAI refused the admin key (HTTP 401): Incorrect API key provided: [redacted].`],
    [new ProviderError('anthropic', 'forbidden', 'This endpoint requires an Admin API key', 403), 422, 'Anthropic refused the admin key (HTTP 403): This endpoint requires an Admin API key'],
    [new ProviderError('openai', 'unavailable', 'Could not reach OpenAI: connect ECONNREFUSED'), 502, 'Could not check the admin key with OpenAI: Could not reach OpenAI: connect ECONNREFUSED'],
    [new Error(`boom ${KEY}`), 502, 'Could not check the admin key with OpenAI: boom [redacted]'],
  ])('%s -> %i', (error, status, message) => {
    const provider = error instanceof ProviderError ? error.provider : 'openai';
    const refusal = credentialRefusal(error, provider, KEY);
    expect({ status: refusal.status, message: refusal.message }).toEqual({ status, message });
  });
});
