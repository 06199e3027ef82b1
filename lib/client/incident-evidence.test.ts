import { describe, expect, it } from 'vitest';
import { formatBudgetPercent, formatMultiple, toEvidenceView } from './incident-evidence';

describe('toEvidenceView', () => {
  it('lays out spike evidence and lists the rest', () => {
    const view = toEvidenceView({
      observedUsd: 12.5,
      expectedUsd: 1.25,
      multiple: 10,
      score: 7.4,
      requests: 420,
      expectedRequests: 40,
      localTime: '2025-11-23 03:12',
      tokens: 120_000,
      baseline: 'hour_of_week',
      models: [{ name: 'gpt-4o', costUsd: 11, requests: 400 }, { name: 'gpt-4o-mini', costUsd: 1.5, requests: 20 }, { bogus: true }],
      regions: [{ name: 'eu-west', costUsd: 12.5, requests: 420 }],
      alsoFound: [{ kind: 'off_hours', summary: '$12/h at 03:12 local' }, { nope: 1 }],
    });
    expect(view.comparison).toEqual({ observedUsd: 12.5, expectedUsd: 1.25, multiple: 10, score: 7.4, requests: 420, expectedRequests: 40, localTime: '2025-11-23 03:12' });
    expect(view.budget).toBeNull();
    expect(view.models).toEqual([
      { name: 'gpt-4o', costUsd: 11, requests: 400, pastShare: null },
      { name: 'gpt-4o-mini', costUsd: 1.5, requests: 20, pastShare: null },
    ]);
    expect(view.regions).toHaveLength(1);
    expect(view.alsoFound).toEqual([{ kind: 'Off-hours', summary: '$12/h at 03:12 local' }]);
    expect(view.other).toEqual([
      { key: 'tokens', label: 'Tokens', value: '120,000' },
      { key: 'baseline', label: 'Baseline used', value: 'This hour on this weekday' },
    ]);
  });

  it('keeps a multiple of "from zero" (stored as null) and drops odd values', () => {
    const view = toEvidenceView({ observedUsd: 3, expectedUsd: 0, multiple: null, score: 'high' });
    expect(view.comparison).toMatchObject({ observedUsd: 3, expectedUsd: 0, multiple: null, score: null });
    expect(formatMultiple(view.comparison!.multiple, view.comparison!.expectedUsd)).toBe('from zero');
  });

  it('lays out budget evidence and hides the alert dedup key', () => {
    const view = toEvidenceView({
      scope: 'environment',
      dedupKey: 'budget:production:2025-11:80',
      monthToDateUsd: 850,
      budgetUsd: 1000,
      percent: 85,
      threshold: 80,
      forecastUsd: 1200,
      projectedCrossingAt: '2025-11-26T00:00:00.000Z',
      periodStart: '2025-11-01T00:00:00.000Z',
      periodEnd: '2025-12-01T00:00:00.000Z',
    });
    expect(view.comparison).toBeNull();
    expect(view.budget).toMatchObject({ monthToDateUsd: 850, budgetUsd: 1000, percent: 85, forecastUsd: 1200, forecastLowUsd: null, projectedCrossingAt: '2025-11-26T00:00:00.000Z' });
    expect(view.other).toEqual([
      { key: 'scope', label: 'Budget scope', value: 'environment' },
      { key: 'threshold', label: 'Threshold crossed', value: '80%' },
    ]);
  });

  it('turns a new-model finding into a one-row model breakdown', () => {
    const view = toEvidenceView({ model: 'o1', observedUsd: 30, requests: 12, priceMultiple: 14.2 });
    expect(view.models).toEqual([{ name: 'o1', costUsd: 30, requests: 12, pastShare: null }]);
    expect(view.other).toEqual([{ key: 'priceMultiple', label: 'Price multiple', value: '14.2×' }]);
  });

  it('reads region rows named `region` (new-region findings)', () => {
    const view = toEvidenceView({ requests: 80, regions: [{ region: 'ap-south', requests: 80, pastShare: 0.001 }], knownRegions: ['us-east', 'eu-west'] });
    expect(view.regions).toEqual([{ name: 'ap-south', costUsd: null, requests: 80, pastShare: 0.001 }]);
    expect(view.other).toEqual([{ key: 'knownRegions', label: 'Known regions', value: 'us-east, eu-west' }]);
  });

  it('is empty for empty evidence', () => {
    expect(toEvidenceView({})).toEqual({ comparison: null, budget: null, models: [], regions: [], alsoFound: [], other: [] });
  });
});

describe('formatMultiple', () => {
  it.each([
    [10, 1, '10×'],
    [2.345, 1, '2.3×'],
    [null, 0, 'from zero'],
    [null, null, '—'],
  ])('%s %s -> %s', (multiple, expected, text) => {
    expect(formatMultiple(multiple, expected)).toBe(text);
  });
});

describe('formatBudgetPercent', () => {
  it.each([
    [85, '85.0%'],
    [112.345, '112.3%'],
  ])('%s -> %s', (percent, text) => {
    expect(formatBudgetPercent(percent)).toBe(text);
  });
});
