import { describe, expect, it } from 'vitest';
import type { Budget, BudgetInput } from './detect-budget';
import { budgetDedupKey, budgetSeverity, detectBudget } from './detect-budget';
import type { DailySpend } from './forecast';

// Budgets in America/New_York unless a case names another zone. November 2026 there runs
// from 04:00Z on the 1st (EDT) to 05:00Z on 1 December (EST).

const budget: Budget = { scope: 'key', subjectId: 'key_1', name: 'prod-chat', monthlyUsd: 500, timezone: 'America/New_York' };
const NOW = Date.parse('2026-11-16T15:00:00Z');

function flat(month: string, from: number, to: number, usd: number): DailySpend[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({ date: `${month}-${String(from + i).padStart(2, '0')}`, usd }));
}

/** $20 a day for the week before the 16th: quiet enough that $50 by then is no concern. */
const detect = (over: Partial<BudgetInput>) =>
  detectBudget({ budget, monthToDateUsd: 0, now: NOW, recentDaily: flat('2026-11', 9, 15, 20), ...over });

const summary = (over: Partial<BudgetInput>) => detect(over).map((f) => [f.kind, f.severity, f.evidence?.threshold, f.summary]);

describe('detectBudget', () => {
  it('reports the threshold crossed and the forecast, in words a finance person reads', () => {
    expect(summary({ monthToDateUsd: 410.12 })).toEqual([
      ['budget', 'warning', 80, 'prod-chat at 82% of $500 budget ($410.12 of $500, Nov); forecast $730 by month end, crosses budget on Nov 20'],
      [
        'budget_forecast',
        'warning',
        null,
        'prod-chat forecast to exceed $500 budget: $730 by month end (likely $702 to $797), crosses budget on Nov 20; $410.12 (82%) spent so far in Nov',
      ],
    ]);
  });

  it('carries the numbers and the period as evidence', () => {
    const [finding] = detect({ monthToDateUsd: 410.12 });
    expect(finding?.key).toBe('key_1');
    expect(finding?.evidence).toEqual({
      scope: 'key',
      subjectId: 'key_1',
      period: '2026-11',
      dedupKey: 'budget:key:key_1:2026-11:80',
      monthToDateUsd: 410.12,
      budgetUsd: 500,
      percent: 82.02,
      threshold: 80,
      crossedThresholds: [50, 80],
      forecastUsd: 730.36,
      forecastLowUsd: 701.79,
      forecastHighUsd: 797.03,
      projectedCrossingAt: expect.stringMatching(/^2026-11-20T/),
      periodStart: '2026-11-01T04:00:00.000Z',
      periodEnd: '2026-12-01T05:00:00.000Z',
      timezone: 'America/New_York',
    });
  });

  it.each<[string, Partial<BudgetInput>, [string, string, number | null][]]>([
    ['under every threshold', { monthToDateUsd: 50 }, []],
    ['50 and 80 in one jump: one finding, for 80', { monthToDateUsd: 425, forecastAlerted: true }, [['budget', 'warning', 80]]],
    ['80 already alerted', { monthToDateUsd: 425, alertedThresholds: [80], forecastAlerted: true }, []],
    ['50 alerted, 80 new', { monthToDateUsd: 425, alertedThresholds: [50], forecastAlerted: true }, [['budget', 'warning', 80]]],
    ['50% and on course to exceed', { monthToDateUsd: 260 }, [['budget', 'info', 50], ['budget_forecast', 'warning', null]]],
    ['forecast only', { monthToDateUsd: 260, alertedThresholds: [50] }, [['budget_forecast', 'warning', null]]],
    ['at 100%: no forecast finding', { monthToDateUsd: 500 }, [['budget', 'error', 100]]],
    ['at 160%', { monthToDateUsd: 800, alertedThresholds: [50, 80] }, [['budget', 'critical', 100]]],
    ['over, everything alerted', { monthToDateUsd: 800, alertedThresholds: [100] }, []],
    ['zero budget', { budget: { ...budget, monthlyUsd: 0 }, monthToDateUsd: 800 }, []],
    ['negative budget', { budget: { ...budget, monthlyUsd: -5 }, monthToDateUsd: 800 }, []],
    ['own thresholds', { budget: { ...budget, thresholds: [150, 25, 90] }, monthToDateUsd: 760 }, [['budget', 'critical', 150]]],
    ['no thresholds, still forecast', { budget: { ...budget, thresholds: [] }, monthToDateUsd: 425 }, [['budget_forecast', 'warning', null]]],
  ])('%s', (_, input, expected) => {
    expect(detect(input).map((f) => [f.kind, f.severity, f.evidence?.threshold])).toEqual(expected);
  });

  it('says over budget once at 100%', () => {
    expect(detect({ monthToDateUsd: 520 }).map((f) => f.summary)).toEqual([
      'prod-chat over budget at 104% of $500 ($520.00 of $500, Nov); forecast $871 by month end',
    ]);
  });

  it('does not forecast a crossing when the month ends under budget', () => {
    const [finding] = detect({ monthToDateUsd: 255, recentDaily: flat('2026-11', 9, 15, 5), forecastAlerted: true });
    expect(finding?.summary).toBe('prod-chat at 51% of $500 budget ($255.00 of $500, Nov); forecast $378 by month end');
    expect(finding?.evidence).toMatchObject({ projectedCrossingAt: null, threshold: 50 });
  });

  it.each([
    // 23:30 on 31 October in Berlin is still October; 00:30 on 1 November is a new month
    // with its own dedup keys.
    ['2026-10-31T22:30:00Z', 'budget:environment:env_1:2026-10:100', '2026-09-30T22:00:00.000Z'],
    ['2026-10-31T23:30:00Z', 'budget:environment:env_1:2026-11:100', '2026-10-31T23:00:00.000Z'],
  ])('in Europe/Berlin at %s pages as %s', (at, dedupKey, periodStart) => {
    const env: Budget = { scope: 'environment', subjectId: 'env_1', monthlyUsd: 100, timezone: 'Europe/Berlin' };
    const [finding] = detectBudget({ budget: env, monthToDateUsd: 120, now: Date.parse(at), recentDaily: [] });
    expect(finding?.evidence).toMatchObject({ dedupKey, periodStart, timezone: 'Europe/Berlin' });
    expect(finding?.summary).toMatch(/^env_1 over budget at 120% of \$100/);
  });
});

describe('budgetSeverity', () => {
  it.each([
    [0, 'info'],
    [79.99, 'info'],
    [80, 'warning'],
    [99.99, 'warning'],
    [100, 'error'],
    [149.99, 'error'],
    [150, 'critical'],
    [400, 'critical'],
  ])('%s percent is %s', (percent, severity) => {
    expect(budgetSeverity(percent)).toBe(severity);
  });
});

describe('budgetDedupKey', () => {
  it('names one identity per threshold and month, and one per month for the forecast', () => {
    expect(budgetDedupKey({ kind: 'budget', scope: 'key', subjectId: 'key_1', period: '2026-11', threshold: 80 })).toBe('budget:key:key_1:2026-11:80');
    expect(budgetDedupKey({ kind: 'budget_forecast', scope: 'environment', subjectId: 'env_1', period: '2026-11' })).toBe(
      'budget_forecast:environment:env_1:2026-11',
    );
  });
});
