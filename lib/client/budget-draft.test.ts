import { describe, expect, it } from 'vitest';
import { putBudgetSchema } from '@/lib/budgets/budget-schemas';
import { budgetView } from '@/test/budget-view';
import type { BudgetDraft } from './budget-draft';
import { budgetBody, budgetFieldErrors, draftOfBudget, emptyBudgetDraft, humanize, parseThresholds, parseUsd, timezoneChoices } from './budget-draft';

const KEY_ID = '0b6f2c1e-0000-4000-8000-000000000001';

const budget = budgetView({
  id: '0b6f2c1e-0000-4000-8000-0000000000b1',
  keyId: KEY_ID,
  monthlyUsd: 1250.5,
  timezone: 'Europe/Dublin',
  monthToDateUsd: 900,
  percent: 71.97,
  forecastUsd: 1300,
  forecastLowUsd: 1200,
  forecastHighUsd: 1400,
  projectedCrossingAt: '2026-11-28T10:00:00.000Z',
  status: 'warning',
});

describe('parseUsd', () => {
  it.each([
    ['500', 500],
    [' 1250.50 ', 1250.5],
    ['$1,250.50', 1250.5],
    ['$ 12', 12],
    ['1,000,000', 1_000_000],
    ['.5', 0.5],
    ['', null],
    ['abc', null],
    ['1,25', null],
    ['-5', null],
    ['12 USD', null],
  ])('%j -> %j', (text, usd) => {
    expect(parseUsd(text)).toBe(usd);
  });
});

describe('parseThresholds', () => {
  it.each([
    ['50, 80, 100', [50, 80, 100]],
    ['50 80% 100', [50, 80, 100]],
    [' 100 ', [100]],
    ['', []],
    ['50, lots', [50, 'lots']],
    ['80.5', [80.5]],
  ])('%j -> %j', (text, list) => {
    expect(parseThresholds(text)).toEqual(list);
  });
});

describe('budgetBody', () => {
  it('makes a key budget the server accepts', () => {
    const draft: BudgetDraft = { ...emptyBudgetDraft('Europe/Berlin'), keyId: KEY_ID, keyName: 'Support chat', monthlyUsd: '$1,250.50' };
    const body = budgetBody(draft);
    expect(body).toEqual({ scope: 'key', keyId: KEY_ID, monthlyUsd: 1250.5, thresholds: [50, 80, 100], timezone: 'Europe/Berlin' });
    expect(putBudgetSchema.safeParse(body).success).toBe(true);
  });

  it('makes an environment budget without a key', () => {
    const draft: BudgetDraft = { ...emptyBudgetDraft('UTC'), scope: 'environment', keyId: KEY_ID, environment: ' production ', monthlyUsd: '500', thresholds: '100' };
    expect(budgetBody(draft)).toEqual({ scope: 'environment', environment: 'production', monthlyUsd: 500, thresholds: [100], timezone: 'UTC' });
  });

  it('sends text that is not a number as typed, for the server to name the fix', () => {
    const body = budgetBody({ ...emptyBudgetDraft('UTC'), keyId: KEY_ID, monthlyUsd: 'lots' });
    expect(body.monthlyUsd).toBe('lots');
    expect(putBudgetSchema.safeParse(body).success).toBe(false);
  });

  it('round-trips an existing budget through its draft', () => {
    expect(budgetBody(draftOfBudget(budget))).toEqual({ scope: 'key', keyId: KEY_ID, monthlyUsd: 1250.5, thresholds: [50, 80, 100], timezone: 'Europe/Dublin' });
  });

  it('drafts an environment budget with its name', () => {
    const draft = draftOfBudget({ ...budget, scope: 'environment', keyId: null, subjectName: 'staging', environment: 'staging' });
    expect(draft).toMatchObject({ scope: 'environment', environment: 'staging', keyId: '', keyName: '' });
  });
});

describe('budgetFieldErrors', () => {
  it.each([
    [
      { status: 400, message: 'Invalid body: monthlyUsd: monthlyUsd must be more than 0; thresholds.1: thresholds are percents from 1 to 500' },
      { fields: { monthlyUsd: 'The monthly budget must be more than 0', thresholds: 'Thresholds are percents from 1 to 500' }, general: null },
    ],
    [
      { status: 400, message: 'Invalid body: timezone: "Mars/Base" is not a time zone: use an IANA name such as "Europe/Berlin", "America/New_York" or "UTC"' },
      { fields: { timezone: '"Mars/Base" is not a time zone: use an IANA name such as "Europe/Berlin", "America/New_York" or "UTC"' }, general: null },
    ],
    [{ status: 400, message: 'Invalid body: keyId: keyId must be a key id (a uuid, as in /api/keys)' }, { fields: { keyId: 'Pick a key: search by name, then choose it from the list.' }, general: null }],
    [{ status: 404, message: 'No key 0b6f; pick one listed at /api/keys' }, { fields: { keyId: 'No key 0b6f; pick one listed at /api/keys' }, general: null }],
    [{ status: 404, message: 'No environment "prod"; environments are "production"' }, { fields: { environment: 'No environment "prod"; environments are "production"' }, general: null }],
    [{ status: 409, message: 'The budget was created meanwhile by someone else; send the request again to update it' }, { fields: {}, general: 'The budget was created meanwhile by someone else; send the request again to update it' }],
    [{ status: 400, message: 'Invalid body: body: Invalid input' }, { fields: {}, general: 'Invalid input: body: Invalid input' }],
    [{ status: 0, message: 'Could not reach the Burnrate server. Check that it is running.' }, { fields: {}, general: 'Could not reach the Burnrate server. Check that it is running.' }],
  ])('%j', (error, expected) => {
    expect(budgetFieldErrors(error)).toEqual(expected);
  });

  it('keeps the first message of a field with several', () => {
    const result = budgetFieldErrors({ status: 400, message: 'Invalid body: thresholds.0: thresholds are whole percents, such as 80; thresholds.2: thresholds are percents from 1 to 500' });
    expect(result.fields.thresholds).toBe('Thresholds are whole percents, such as 80');
  });
});

describe('humanize', () => {
  it('names the field in the form’s words only at the start', () => {
    expect(humanize('monthlyUsd', 'monthlyUsd has at most 2 decimals (cents), such as 1250.50')).toBe('The monthly budget has at most 2 decimals (cents), such as 1250.50');
    expect(humanize('thresholds', 'give at least one threshold, such as [100]')).toBe('give at least one threshold, such as [100]');
  });
});

describe('timezoneChoices', () => {
  it('puts the browser’s zone first and adds the current one once', () => {
    const zones = timezoneChoices('Europe/Berlin', 'Pacific/Auckland');
    expect(zones[0]).toBe('Europe/Berlin');
    expect(zones.at(-1)).toBe('Pacific/Auckland');
    expect(zones.filter((z) => z === 'Europe/Berlin')).toHaveLength(1);
    expect(zones).toContain('UTC');
  });

  it('does without a browser zone', () => {
    expect(timezoneChoices(null, 'UTC')[0]).toBe('UTC');
  });
});
