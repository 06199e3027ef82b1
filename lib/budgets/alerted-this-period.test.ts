import { describe, expect, it } from 'vitest';
import { alertedThisPeriod } from './alerted-this-period';

const NOV = '2026-10-31T23:00:00.000Z'; // Europe/Berlin's November
const OCT = '2026-09-30T22:00:00.000Z';

describe('alertedThisPeriod', () => {
  it.each([
    ['nothing yet', [], { thresholds: [], forecast: false }],
    ['a threshold incident: every threshold crossed so far', [{ kind: 'budget', evidence: { periodStart: NOV, threshold: 80, crossedThresholds: [50, 80] } }], { thresholds: [50, 80], forecast: false }],
    ['evidence without crossedThresholds', [{ kind: 'budget', evidence: { periodStart: NOV, threshold: 100 } }], { thresholds: [100], forecast: false }],
    ['a forecast incident', [{ kind: 'budget_forecast', evidence: { periodStart: NOV, threshold: null } }], { thresholds: [], forecast: true }],
    ['last month does not count', [{ kind: 'budget', evidence: { periodStart: OCT, threshold: 100, crossedThresholds: [50, 80, 100] } }, { kind: 'budget_forecast', evidence: { periodStart: OCT } }], { thresholds: [], forecast: false }],
    ['the same instant written another way', [{ kind: 'budget', evidence: { periodStart: '2026-11-01T00:00:00+01:00', threshold: 50, crossedThresholds: [50] } }], { thresholds: [50], forecast: false }],
    ['unreadable evidence is skipped', [{ kind: 'budget', evidence: null }, { kind: 'budget', evidence: { threshold: 50 } }], { thresholds: [], forecast: false }],
  ])('%s', (_, incidents, expected) => {
    expect(alertedThisPeriod(incidents, NOV)).toEqual(expected);
  });
});
