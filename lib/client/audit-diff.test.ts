import { describe, expect, it } from 'vitest';
import { auditDiff, MASKED, showValue } from './audit-diff';

describe('auditDiff', () => {
  it('marks only the fields that changed', () => {
    expect(auditDiff({ monthlyUsd: 500, thresholds: [50, 80], scope: 'key' }, { monthlyUsd: 750, thresholds: [50, 80], scope: 'key' })).toEqual([
      { field: 'monthlyUsd', before: '500', after: '750', changed: true },
      { field: 'thresholds', before: '50, 80', after: '50, 80', changed: false },
      { field: 'scope', before: 'key', after: 'key', changed: false },
    ]);
  });

  it('walks nested objects as dotted fields and lists fields only one side has', () => {
    expect(auditDiff({ credential: { source: 'secret', hint: 'sk-…abcd' } }, { credential: { source: 'secret', hint: 'sk-…wxyz' }, adminKeyReplaced: true })).toEqual([
      { field: 'credential.source', before: 'secret', after: 'secret', changed: false },
      { field: 'credential.hint', before: 'sk-…abcd', after: 'sk-…wxyz', changed: true },
      { field: 'adminKeyReplaced', before: null, after: 'true', changed: true },
    ]);
  });

  it('lists a created or deleted thing without marking every field', () => {
    expect(auditDiff(null, { name: 'gw', revokedAt: null })).toEqual([
      { field: 'name', before: null, after: 'gw', changed: false },
      { field: 'revokedAt', before: null, after: '—', changed: false },
    ]);
    expect(auditDiff(undefined, null)).toEqual([]);
  });

  it('masks a value whose field name says it is a secret, at any depth', () => {
    const rows = auditDiff({ webhookUrl: 'https://hooks.slack.com/services/T0/B0/x' }, { target: { routingKey: 'R0123456789', apiKey: 'sk-live' }, tokenHint: 'brn_…1234' });
    expect(rows.map((r) => [r.field, r.before ?? r.after])).toEqual([
      ['webhookUrl', MASKED],
      ['target.routingKey', MASKED],
      ['target.apiKey', MASKED],
      ['tokenHint', 'brn_…1234'],
    ]);
  });
});

describe('showValue', () => {
  it.each([
    [null, '—'],
    ['', '""'],
    [[], 'none'],
    [['a', 1], 'a, 1'],
    [{ a: 1 }, '{"a":1}'],
    [false, 'false'],
  ])('%j -> %s', (value, expected) => {
    expect(showValue(value)).toBe(expected);
  });
});

