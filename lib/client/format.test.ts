import { describe, expect, it } from 'vitest';
import {
  computeChange,
  formatCompactNumber,
  formatDate,
  formatPercent,
  formatPointLabel,
  formatRelativeTime,
  formatTimeTick,
  formatUnitTick,
  formatUnitValue,
  formatUsd,
  formatUsdTick,
} from './format';

describe('formatUsd', () => {
  it.each([
    [0, '$0.00'],
    [1234.5, '$1,234.50'],
    [0.004, '<$0.01'],
    [0.005, '$0.01'],
    [-12.345, '-$12.35'],
    [1_000_000, '$1,000,000.00'],
  ])('%s -> %s', (amount, expected) => {
    expect(formatUsd(amount)).toBe(expected);
  });
});

describe('formatUsdTick', () => {
  it.each([
    [0, '$0'],
    [40, '$40'],
    [0.25, '$0.25'],
    [1234, '$1.2K'],
    [2_500_000, '$2.5M'],
  ])('%s -> %s', (amount, expected) => {
    expect(formatUsdTick(amount)).toBe(expected);
  });
});

describe('formatCompactNumber', () => {
  it.each([
    [950, '950'],
    [12_500, '12.5K'],
    [1_234_567, '1.2M'],
    [3_000_000_000, '3B'],
  ])('%s -> %s', (value, expected) => {
    expect(formatCompactNumber(value)).toBe(expected);
  });
});

describe('formatUnitValue', () => {
  it.each([
    [12.345, 'cost', '$12.35'],
    [1_234_567, 'tokens', '1,234,567 tokens'],
    [1, 'tokens', '1 token'],
    [1, 'requests', '1 request'],
    [42, 'requests', '42 requests'],
  ] as const)('%s %s -> %s', (value, unit, expected) => {
    expect(formatUnitValue(value, unit)).toBe(expected);
  });
});

describe('formatUnitTick', () => {
  it.each([
    [1500, 'cost', '$1.5K'],
    [1_200_000, 'tokens', '1.2M'],
    [800, 'requests', '800'],
  ] as const)('%s %s -> %s', (value, unit, expected) => {
    expect(formatUnitTick(value, unit)).toBe(expected);
  });
});

describe('computeChange', () => {
  it.each([
    [110, 100, { direction: 'up', ratio: 0.1 }],
    [50, 100, { direction: 'down', ratio: -0.5 }],
    [100, 100, { direction: 'flat', ratio: 0 }],
    [100.01, 100, { direction: 'flat', ratio: 0 }],
    [5, 0, { direction: 'up', ratio: null }],
    [0, 0, { direction: 'flat', ratio: 0 }],
  ] as const)('%s vs %s', (current, previous, expected) => {
    const change = computeChange(current, previous);
    expect(change.direction).toBe(expected.direction);
    if (expected.ratio === null) expect(change.ratio).toBeNull();
    else expect(change.ratio).toBeCloseTo(expected.ratio, 6);
  });
});

describe('formatPercent', () => {
  it.each([
    [0.1234, '12.3%'],
    [-0.5, '50.0%'],
    [12.5, '1,250.0%'],
  ])('%s -> %s', (ratio, expected) => {
    expect(formatPercent(ratio)).toBe(expected);
  });
});

describe('time labels (UTC)', () => {
  it.each([
    ['2025-11-23T14:00:00.000Z', '24h', '14:00', 'Nov 23, 2025, 14:00 UTC'],
    ['2025-11-23T00:00:00.000Z', '24h', '00:00', 'Nov 23, 2025, 00:00 UTC'],
    ['2025-11-23T00:00:00.000Z', '7d', 'Nov 23', 'Nov 23, 2025'],
    ['2025-01-05T00:00:00.000Z', '90d', 'Jan 5', 'Jan 5, 2025'],
    ['not a date', '30d', '', 'not a date'],
  ] as const)('%s %s', (iso, range, tick, label) => {
    expect(formatTimeTick(iso, range)).toBe(tick);
    expect(formatPointLabel(iso, range)).toBe(label);
  });

  it('formats a date', () => {
    expect(formatDate('2025-11-01T00:00:00.000Z')).toBe('Nov 1, 2025');
  });
});

describe('formatRelativeTime', () => {
  const now = new Date('2025-11-23T12:00:00.000Z');
  it.each([
    [null, 'Never'],
    ['garbage', 'Unknown'],
    ['2025-11-23T12:00:30.000Z', 'just now'],
    ['2025-11-23T11:59:30.000Z', 'just now'],
    ['2025-11-23T11:55:00.000Z', '5 min ago'],
    ['2025-11-23T09:00:00.000Z', '3 h ago'],
    ['2025-11-11T12:00:00.000Z', '12 d ago'],
    ['2025-09-01T12:00:00.000Z', 'Sep 1, 2025'],
  ])('%s -> %s', (iso, expected) => {
    expect(formatRelativeTime(iso, now)).toBe(expected);
  });
});
