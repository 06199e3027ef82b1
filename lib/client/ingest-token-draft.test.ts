import { describe, expect, it } from 'vitest';
import { createTokenBody, tokenErrors, tokenState } from './ingest-token-draft';

describe('ingest token form', () => {
  it('leaves an empty environment out', () => {
    expect(createTokenBody({ name: ' gw ', environment: '' })).toEqual({ name: 'gw' });
    expect(createTokenBody({ name: 'gw', environment: 'staging' })).toEqual({ name: 'gw', environment: 'staging' });
  });

  it.each([
    [{ status: 409, message: 'An ingest token named "gw" already exists' }, 'name'],
    [{ status: 400, message: 'Environment "x" does not exist; use one of: production' }, 'environment'],
    [{ status: 400, message: 'Invalid body: name: use 1-64 letters' }, 'name'],
  ])('puts %j on %s', (error, field) => {
    expect(Object.keys(tokenErrors(error).fields)).toEqual([field]);
  });

  it('reads active or revoked', () => {
    expect(tokenState({ revokedAt: null }).label).toBe('Active');
    expect(tokenState({ revokedAt: '2026-03-01T00:00:00.000Z' }).label).toBe('Revoked');
  });
});
