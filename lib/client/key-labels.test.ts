import { describe, expect, it } from 'vitest';
import { formatBudgetShare, keyStatusLabel, trendText } from './key-labels';

describe('trendText', () => {
  it.each([
    [{ last7dUsd: 12, previous7dUsd: 10, change: 0.2 }, { direction: 'up', text: '▲ 20%' }],
    [{ last7dUsd: 5, previous7dUsd: 10, change: -0.5 }, { direction: 'down', text: '▼ 50%' }],
    [{ last7dUsd: 10.001, previous7dUsd: 10, change: 0.0001 }, { direction: 'flat', text: '0%' }],
    [{ last7dUsd: 3, previous7dUsd: 0, change: null }, { direction: 'up', text: 'new' }],
    [{ last7dUsd: 0, previous7dUsd: 0, change: null }, { direction: 'flat', text: '—' }],
    [{ last7dUsd: 250, previous7dUsd: 10, change: 24 }, { direction: 'up', text: '▲ 2,400%' }],
  ])('%j', (trend, expected) => {
    expect(trendText(trend)).toEqual(expected);
  });
});

describe('formatBudgetShare', () => {
  it.each([
    [82.4, '82%'],
    [4.25, '4.3%'],
    [130, '130%'],
  ])('%s -> %s', (percent, text) => {
    expect(formatBudgetShare(percent)).toBe(text);
  });
});

describe('keyStatusLabel', () => {
  it.each([
    ['disabled', 'Disabled'],
    ['archived', 'archived'],
  ])('%s -> %s', (status, label) => {
    expect(keyStatusLabel(status)).toBe(label);
  });
});
