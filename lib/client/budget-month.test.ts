import { describe, expect, it } from 'vitest';
import { exportHref, exportMonth, monthOf } from './budget-month';

const NOW = Date.parse('2026-11-23T09:00:00Z');

describe('exportMonth', () => {
  it.each([
    [null, '2026-11'],
    ['2026-10', '2026-10'],
    ['2025-01', '2025-01'],
    ['2026-12', '2026-11'],
    ['2026-13', '2026-11'],
    ['november', '2026-11'],
    ['', '2026-11'],
  ])('%j -> %s', (param, month) => {
    expect(exportMonth(param, NOW)).toBe(month);
  });
});

describe('monthOf', () => {
  it('is the UTC month, like the export’s default', () => {
    expect(monthOf(Date.parse('2026-11-30T23:59:59Z'))).toBe('2026-11');
    expect(monthOf(Date.parse('2026-12-01T00:00:00Z'))).toBe('2026-12');
  });
});

describe('exportHref', () => {
  it('points at the CSV export for the month', () => {
    expect(exportHref('2026-11')).toBe('/api/budgets/export?month=2026-11');
  });
});
