import { describe, expect, it } from 'vitest';
import { describeOverrun, formatDayIn, formatForecastRange, formatShare, monthName, monthTick, scopeLabel, statusReason, subjectHref, thresholdMarks } from './budget-labels';

// Dates are shown in the budget's zone: these cases name theirs.

describe('describeOverrun', () => {
  const base = { monthToDateUsd: 80, monthlyUsd: 100, projectedCrossingAt: null, timezone: 'UTC' };
  it.each([
    [{ ...base, projectedCrossingAt: '2026-11-24T15:00:00.000Z' }, { kind: 'crosses', text: 'crosses on Nov 24' }],
    // 23:30 UTC on Nov 24 is already Nov 25 in Berlin.
    [{ ...base, projectedCrossingAt: '2026-11-24T23:30:00.000Z', timezone: 'Europe/Berlin' }, { kind: 'crosses', text: 'crosses on Nov 25' }],
    // ...and still Nov 24 in New York at 03:00 UTC on Nov 25.
    [{ ...base, projectedCrossingAt: '2026-11-25T03:00:00.000Z', timezone: 'America/New_York' }, { kind: 'crosses', text: 'crosses on Nov 24' }],
    [base, { kind: 'under', text: 'stays under budget' }],
    [{ ...base, monthToDateUsd: 100 }, { kind: 'over', text: 'already over budget' }],
    [{ ...base, monthToDateUsd: 130, projectedCrossingAt: '2026-11-24T15:00:00.000Z' }, { kind: 'over', text: 'already over budget' }],
  ])('%j', (budget, overrun) => {
    expect(describeOverrun(budget)).toEqual(overrun);
  });
});

describe('formatDayIn', () => {
  it('falls back to UTC for an unknown zone and to the text for a bad date', () => {
    expect(formatDayIn('2026-11-24T23:30:00.000Z', 'Not/AZone')).toBe('Nov 24');
    expect(formatDayIn('soon', 'UTC')).toBe('soon');
  });
});

describe('formatShare', () => {
  it.each([
    [0, '0%'],
    [0.4, '<1%'],
    [45.67, '45%'],
    [99.99, '99%'],
    [100, '100%'],
    [104.53, '104.5%'],
    [250, '250%'],
  ])('%d -> %s', (percent, text) => {
    expect(formatShare(percent)).toBe(text);
  });
});

describe('statusReason', () => {
  const base = { monthlyUsd: 100, forecastUsd: 90, percent: 40 };
  it.each([
    [{ ...base, status: 'ok' as const }, 'Forecast stays under budget'],
    [{ ...base, status: 'warning' as const, forecastUsd: 125.5 }, 'Forecast ends $25.50 over'],
    [{ ...base, status: 'warning' as const, percent: 85 }, '85% of the budget spent'],
    [{ ...base, status: 'over' as const, percent: 112, forecastUsd: 150 }, '112% of the budget spent'],
  ])('%j -> %s', (budget, text) => {
    expect(statusReason(budget)).toBe(text);
  });
});

describe('thresholdMarks', () => {
  it('sorts and marks the thresholds spend has passed', () => {
    expect(thresholdMarks([100, 50, 80], 80)).toEqual([
      { percent: 50, label: '50%', reached: true },
      { percent: 80, label: '80%', reached: true },
      { percent: 100, label: '100%', reached: false },
    ]);
  });
});

describe('months', () => {
  it.each([
    ['2026-06', 'Jun', 'June 2026'],
    ['2026-12', 'Dec', 'December 2026'],
    ['2026-13', '2026-13', '2026-13'],
    ['June', 'June', 'June'],
  ])('%s -> %s, %s', (month, tick, name) => {
    expect(monthTick(month)).toBe(tick);
    expect(monthName(month)).toBe(name);
  });
});

describe('subjects', () => {
  it('links a key to its page and an environment to its own', () => {
    expect(subjectHref({ scope: 'key', keyId: 'abc', subjectName: 'Support chat' })).toBe('/keys/abc');
    expect(subjectHref({ scope: 'environment', keyId: null, subjectName: 'prod eu' })).toBe('/environments/prod%20eu');
    expect(subjectHref({ scope: 'key', keyId: null, subjectName: 'gone' })).toBeNull();
  });

  it('says the scope, and a key’s environment', () => {
    expect(scopeLabel({ scope: 'key', environment: 'production' })).toBe('Key · production');
    expect(scopeLabel({ scope: 'environment', environment: 'production' })).toBe('Environment');
  });

  it('writes the forecast range', () => {
    expect(formatForecastRange({ forecastLowUsd: 550, forecastHighUsd: 650.5 })).toBe('$550.00–$650.50');
  });
});
