import { describe, expect, it } from 'vitest';
import { evidenceLabel, formatCount, formatEvidenceValue, formatUsdPrecise } from './incident-evidence-fields';

describe('evidenceLabel', () => {
  it.each([
    ['idleHours', 'Idle for'],
    ['someNewField', 'Some new field'],
    ['peakUsd', 'Peak USD'],
    ['snake_case_field', 'Snake case field'],
  ])('%s -> %s', (key, label) => {
    expect(evidenceLabel(key)).toBe(label);
  });
});

describe('formatEvidenceValue', () => {
  it.each([
    ['usdPerHour', 12.345, '$12.35/h'],
    ['requestsPerHour', 42.5, '42.5/h'],
    ['idleHours', 30.25, '30.25 h'],
    ['pricePerRequest', 0.00123, '$0.0012'],
    ['pricePerRequest', 0.5, '$0.50'],
    ['peakUsd', 3, '$3.00'],
    ['rareShare', 0.025, '2.5%'],
    ['crossedThresholds', [50, 80], '50%, 80%'],
    ['firstSeen', Date.UTC(2025, 10, 23, 14, 5), 'Nov 23, 2025, 14:05 UTC'],
    ['whenever', '2025-11-23T14:05:00.000Z', 'Nov 23, 2025, 14:05 UTC'],
    ['count', 1234, '1,234'],
    ['ratio', 1.23456, '1.23'],
    ['flag', true, 'Yes'],
    ['missing', null, '—'],
    ['list', [], 'none'],
    ['nested', { a: 1 }, '{"a":1}'],
    ['long', 'x'.repeat(300), `${'x'.repeat(199)}…`],
    ['baseline', 'weekend_hour', 'This hour at weekends'],
    ['profile', 'working_hours', 'The environment’s working hours'],
    ['baseline', 'a_future_tier', 'a_future_tier'],
  ])('%s %j -> %s', (key, value, text) => {
    expect(formatEvidenceValue(key, value)).toBe(text);
  });
});

describe('formatUsdPrecise', () => {
  it.each([
    [0, '$0.00'],
    [0.0000211240045, '$0.000021'],
    [0.0123691, '$0.01'],
    [12.345, '$12.35'],
  ])('%s -> %s', (amount, text) => {
    expect(formatUsdPrecise(amount)).toBe(text);
  });
});

describe('formatCount', () => {
  it.each([
    [0.0696378, '0.07'],
    [2, '2'],
    [9.5, '9.5'],
    [420.4, '420'],
    [12_345, '12,345'],
  ])('%s -> %s', (value, text) => {
    expect(formatCount(value)).toBe(text);
  });
});
