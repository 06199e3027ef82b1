import { describe, expect, it } from 'vitest';
import { exportQuerySchema, putBudgetSchema } from './budget-schemas';

const KEY = '0b6f2c1e-5d1a-4c1e-9a53-2f0e7d1c9b10';
const messages = (body: unknown) => putBudgetSchema.safeParse(body).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('putBudgetSchema', () => {
  it('fills defaults and normalises thresholds and zone', () => {
    expect(putBudgetSchema.parse({ scope: 'key', keyId: KEY, monthlyUsd: 500 })).toEqual({ scope: 'key', keyId: KEY, monthlyUsd: 500, thresholds: [50, 80, 100], timezone: 'UTC' });
    expect(putBudgetSchema.parse({ scope: 'environment', environment: ' production ', monthlyUsd: 1250.5, thresholds: [100, 50, 100, 75], timezone: 'europe/berlin' })).toEqual({
      scope: 'environment',
      environment: 'production',
      monthlyUsd: 1250.5,
      thresholds: [50, 75, 100],
      timezone: 'Europe/Berlin',
    });
  });

  it.each([
    [{ keyId: KEY, monthlyUsd: 5 }, /scope must be "key" \(with keyId\) or "environment"/],
    [{ scope: 'team', monthlyUsd: 5 }, /scope must be "key" \(with keyId\) or "environment"/],
    [{ scope: 'key', keyId: 'key_123', monthlyUsd: 5 }, /keyId: keyId must be a key id/],
    [{ scope: 'environment', monthlyUsd: 5 }, /environment: environment must name an environment/],
    [{ scope: 'environment', environment: '  ', monthlyUsd: 5 }, /environment must name an environment/],
    [{ scope: 'key', keyId: KEY }, /monthlyUsd: monthlyUsd must be a number of US dollars/],
    [{ scope: 'key', keyId: KEY, monthlyUsd: '500' }, /monthlyUsd must be a number/],
    [{ scope: 'key', keyId: KEY, monthlyUsd: 0 }, /monthlyUsd must be more than 0/],
    [{ scope: 'key', keyId: KEY, monthlyUsd: -20 }, /monthlyUsd must be more than 0/],
    [{ scope: 'key', keyId: KEY, monthlyUsd: 10.005 }, /monthlyUsd has at most 2 decimals/],
    [{ scope: 'key', keyId: KEY, monthlyUsd: 2e9 }, /monthlyUsd must be at most 1,000,000,000/],
    [{ scope: 'key', keyId: KEY, monthlyUsd: 5, thresholds: [0, 50] }, /thresholds.0: thresholds are percents from 1 to 500/],
    [{ scope: 'key', keyId: KEY, monthlyUsd: 5, thresholds: [50, 501] }, /thresholds.1: thresholds are percents from 1 to 500/],
    [{ scope: 'key', keyId: KEY, monthlyUsd: 5, thresholds: [50.5] }, /thresholds are whole percents/],
    [{ scope: 'key', keyId: KEY, monthlyUsd: 5, thresholds: [] }, /give at least one threshold/],
    [{ scope: 'key', keyId: KEY, monthlyUsd: 5, thresholds: '50,80' }, /thresholds must be a list of percents/],
    [{ scope: 'key', keyId: KEY, monthlyUsd: 5, timezone: 'Mars/Olympus' }, /"Mars\/Olympus" is not a time zone: use an IANA name/],
    [{ scope: 'key', keyId: KEY, monthlyUsd: 5, timezone: '+01:00' }, /is not a time zone/],
    [{ scope: 'key', keyId: KEY, monthlyUsd: 5, timezone: 'CET; DROP' }, /is not a time zone/],
  ])('rejects %j', (body, message) => {
    expect(messages(body).join('\n')).toMatch(message);
  });

  it('accepts cents that binary floats cannot hold exactly', () => {
    for (const usd of [0.01, 0.1, 19.99, 1234567.89, 999999999.99]) expect(putBudgetSchema.safeParse({ scope: 'key', keyId: KEY, monthlyUsd: usd }).success).toBe(true);
  });
});

describe('exportQuerySchema', () => {
  it.each([
    [{}, true],
    [{ month: '2026-11' }, true],
    [{ month: '2026-13' }, false],
    [{ month: '2026-1' }, false],
    [{ month: 'november' }, false],
  ])('%j valid: %s', (query, ok) => {
    expect(exportQuerySchema.safeParse(query).success).toBe(ok);
  });
});
