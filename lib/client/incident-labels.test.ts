import { describe, expect, it } from 'vitest';
import { incidentKinds } from '@/lib/incidents/incident-schemas';
import { KIND_LABELS, actionAvailability, describeEvent, incidentTitle, kindLabel } from './incident-labels';

describe('KIND_LABELS', () => {
  it('names every kind for humans', () => {
    expect(incidentKinds.map((k) => KIND_LABELS[k])).toEqual(['Spike', 'Off-hours', 'New region', 'New model', 'Dormant key woke', 'Budget', 'Budget forecast']);
  });

  it.each([
    ['dormant_wake', 'Dormant key woke'],
    ['budget_forecast', 'Budget forecast'],
    ['some_new_kind', 'some new kind'],
  ])('kindLabel(%s) -> %s', (kind, expected) => {
    expect(kindLabel(kind)).toBe(expected);
  });
});

describe('incidentTitle', () => {
  it.each([
    ['spike', 'support-chat', 'production', 'Spike on support-chat'],
    ['budget', null, 'production', 'Budget in production'],
    ['budget_forecast', null, null, 'Budget forecast in all environments'],
  ] as const)('%s %s %s', (kind, keyName, environment, expected) => {
    expect(incidentTitle(kind, keyName, environment)).toBe(expected);
  });
});

describe('actionAvailability', () => {
  it.each([
    [{ status: 'open', acknowledgedBy: null, resolvedBy: null }, { acknowledge: { allowed: true }, resolve: { allowed: true } }],
    [
      { status: 'acknowledged', acknowledgedBy: 'ana@example.com', resolvedBy: null },
      { acknowledge: { allowed: false, reason: 'Already acknowledged by ana@example.com.' }, resolve: { allowed: true } },
    ],
    [
      { status: 'resolved', acknowledgedBy: null, resolvedBy: 'bo' },
      { acknowledge: { allowed: false, reason: 'Already resolved by bo.' }, resolve: { allowed: false, reason: 'Already resolved by bo.' } },
    ],
    [
      { status: 'resolved', acknowledgedBy: null, resolvedBy: null },
      { acknowledge: { allowed: false, reason: 'Already resolved automatically.' }, resolve: { allowed: false, reason: 'Already resolved automatically.' } },
    ],
  ] as const)('%j', (incident, expected) => {
    expect(actionAvailability(incident)).toEqual(expected);
  });
});

describe('describeEvent', () => {
  const at = '2025-11-23T14:00:00.000Z';
  it.each([
    [{ type: 'opened', actor: null, data: { severity: 'error', summary: 'cost $9 vs $1', live: true } }, 'Opened', 'Error: cost $9 vs $1'],
    [{ type: 'opened', actor: null, data: { severity: 'warning', summary: 's', live: false } }, 'Opened (found in past usage, not paged)', 'Warning: s'],
    [{ type: 'opened', actor: null, data: null }, 'Opened', null],
    [
      { type: 'finding', actor: null, data: { count: 3, from: '2025-11-23T14:01:00.000Z', to: '2025-11-23T14:05:00.000Z', summary: 'later' } },
      '3 more findings from Nov 23, 2025, 14:01 UTC to Nov 23, 2025, 14:05 UTC',
      'later',
    ],
    [{ type: 'finding', actor: null, data: { count: 1, from: at, to: at } }, '1 more finding', null],
    [{ type: 'acknowledged', actor: 'ana', data: null }, 'Acknowledged by ana', null],
    [{ type: 'acknowledged', actor: null, data: null }, 'Acknowledged', null],
    [{ type: 'resolved', actor: null, data: { auto: true } }, 'Resolved automatically', null],
    [{ type: 'resolved', actor: 'bo', data: null }, 'Resolved by bo', null],
    [{ type: 'feedback', actor: 'bo', data: { feedback: 'leak', note: 'key in a public repo' } }, 'Marked as leak by bo', 'key in a public repo'],
    [{ type: 'feedback', actor: null, data: { feedback: 'nonsense' } }, 'Feedback given', null],
    [{ type: 'alert_sent', actor: null, data: null }, 'Alert sent', null],
  ])('%j', (event, title, detail) => {
    expect(describeEvent({ at, ...event })).toEqual({ title, detail });
  });
});
