import { describe, expect, it } from 'vitest';
import { connectionErrors, connectionState, createConnectionBody, describeCredential, managedBy } from './connection-draft';

describe('connection forms', () => {
  it('trims the body and leaves an empty base URL out', () => {
    expect(createConnectionBody({ provider: 'anthropic', name: ' Org ', adminKey: ' sk-ant-admin01-x ', baseUrl: ' ' })).toEqual({ provider: 'anthropic', name: 'Org', adminKey: 'sk-ant-admin01-x' });
    expect(createConnectionBody({ provider: 'openai', name: 'o', adminKey: 'k', baseUrl: 'https://gw.example.com/v1' })).toMatchObject({ baseUrl: 'https://gw.example.com/v1' });
  });

  it.each([
    [{ status: 422, message: 'OpenAI refused the admin key (HTTP 401): Incorrect API key provided' }, false, 'adminKey'],
    [{ status: 502, message: 'Could not check the admin key with OpenAI: Could not reach OpenAI' }, true, 'baseUrl'],
    [{ status: 502, message: 'Could not check the admin key with OpenAI: Could not reach OpenAI' }, false, 'adminKey'],
    [{ status: 409, message: 'A connection named "x" exists already; pick another name' }, false, 'name'],
    [{ status: 400, message: 'Invalid body: baseUrl: a base URL must be https://' }, true, 'baseUrl'],
  ])('puts %j on its field', (error, hasBaseUrl, field) => {
    expect(Object.keys(connectionErrors(error, hasBaseUrl).fields)).toEqual([field]);
  });

  it('keeps a managed connection’s refusal general', () => {
    expect(connectionErrors({ status: 409, message: '"Demo" belongs to the demo' }, false)).toEqual({ fields: {}, general: '"Demo" belongs to the demo' });
  });

  it.each([
    [{ enabled: true, syncStatus: 'ok' }, 'ok'],
    [{ enabled: true, syncStatus: 'error' }, 'error'],
    [{ enabled: true, syncStatus: 'never' }, 'never'],
    [{ enabled: false, syncStatus: 'ok' }, 'disabled'],
  ] as const)('%j reads %s', (c, state) => {
    expect(connectionState(c).state).toBe(state);
  });

  it('says where the key is, never more', () => {
    expect(describeCredential({ source: 'secret', hint: 'sk-admin-...abcd' })).toBe('Stored key sk-admin-...abcd');
    expect(describeCredential({ source: 'environment', variable: 'BURNRATE_OPENAI_ADMIN_KEY' })).toBe('From environment variable BURNRATE_OPENAI_ADMIN_KEY');
    expect(managedBy({ demo: false, credential: { source: 'secret', hint: '' } })).toBeNull();
    expect(managedBy({ demo: true, credential: { source: 'environment', variable: 'X' } })).toBe('demo');
  });
});
