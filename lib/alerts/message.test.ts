import { describe, expect, it } from 'vitest';
import { alertMessageSchema, buildAlertMessage, buildTestMessage, evidenceOf } from './message';
import type { IncidentView } from './message';

const incident = (over: Partial<IncidentView> = {}): IncidentView => ({
  id: '0b5e2c1a-0000-4000-8000-000000000001',
  kind: 'spike',
  severity: 'critical',
  status: 'open',
  summary: 'cost $48.00 at 02:00 local vs expected $1.20 (40.0x, score 31.2)',
  evidence: { observedUsd: 48, expectedUsd: 1.2, multiple: 40, score: 31.2, localTime: '2026-03-31 02:00', requests: 900, metric: 'cost' },
  dedupKey: 'spike:key-1:2026-03-31',
  openedAt: new Date('2026-03-31T00:05:00Z'),
  environment: 'production',
  key: { id: 'a1b2c3d4-0000-4000-8000-000000000002', name: 'support-chat' },
  acknowledgedBy: 'ana@example.com',
  resolvedBy: null,
  ...over,
});

describe('buildAlertMessage', () => {
  it('carries the incident, a title, and links from the public URL', () => {
    const m = buildAlertMessage(incident(), 'trigger', { publicUrl: 'https://burnrate.example.com/' });
    expect(m).toMatchObject({
      incidentId: incident().id,
      dedupKey: 'spike:key-1:2026-03-31',
      kind: 'spike',
      severity: 'critical',
      status: 'open',
      action: 'trigger',
      title: 'Spend spike on support-chat (production)',
      keyName: 'support-chat',
      environment: 'production',
      openedAt: '2026-03-31T00:05:00.000Z',
      actor: null,
      links: {
        incident: 'https://burnrate.example.com/incidents/0b5e2c1a-0000-4000-8000-000000000001',
        key: 'https://burnrate.example.com/keys/a1b2c3d4-0000-4000-8000-000000000002',
      },
    });
  });

  it('keeps only the evidence fields that leave Burnrate', () => {
    const m = buildAlertMessage(incident(), 'trigger', { publicUrl: 'https://b.example' });
    expect(m.evidence).toEqual({ observedUsd: 48, expectedUsd: 1.2, multiple: 40, score: 31.2, localTime: '2026-03-31 02:00' });
  });

  it.each([
    ['trigger', null],
    ['acknowledge', 'ana@example.com'],
    ['resolve', null], // auto-resolved
  ] as const)('names who did it for %s', (action, actor) => {
    expect(buildAlertMessage(incident(), action, { publicUrl: 'https://b.example' }).actor).toBe(actor);
  });

  it('takes the actor of the change over the recorded one', () => {
    expect(buildAlertMessage(incident(), 'acknowledge', { publicUrl: 'https://b.example', actor: 'bo@example.com' }).actor).toBe('bo@example.com');
    expect(buildAlertMessage(incident(), 'resolve', { publicUrl: 'https://b.example', actor: null }).actor).toBeNull();
    expect(buildAlertMessage(incident(), 'trigger', { publicUrl: 'https://b.example', actor: 'bo@example.com' }).actor).toBeNull();
  });

  it('titles an environment-wide incident by environment, with no key link', () => {
    const m = buildAlertMessage(incident({ kind: 'budget', key: null, environment: 'staging' }), 'trigger', { publicUrl: 'https://b.example' });
    expect(m.title).toBe('Budget crossed in staging');
    expect(m.links.key).toBeNull();
    expect(m.keyName).toBeNull();
  });

  it('survives a JSON round trip through the delivery payload', () => {
    const m = buildAlertMessage(incident({ evidence: { multiple: null, models: [{ model: 'gpt-4o', costUsd: 3 }] } }), 'resolve', { publicUrl: 'http://localhost:3000' });
    expect(alertMessageSchema.parse(JSON.parse(JSON.stringify(m)))).toEqual(m);
  });
});

describe('evidenceOf', () => {
  it.each([
    ['not an object', 'oops', {}],
    ['null multiple (stored Infinity)', { observedUsd: 5, expectedUsd: 0, multiple: null }, { observedUsd: 5, expectedUsd: 0 }],
    ['a wrong type costs only that field', { observedUsd: '5', score: 2 }, { score: 2 }],
    ['a single new model becomes a breakdown row', { model: 'o1', observedUsd: 9, requests: 4 }, { observedUsd: 9, models: [{ model: 'o1', costUsd: 9, requests: 4 }] }],
    ['detector rows named `name`', { models: [{ name: 'gpt-4.1', costUsd: 2, requests: 3 }], regions: [{ name: 'BR', costUsd: 2, requests: 3 }] }, { models: [{ model: 'gpt-4.1', costUsd: 2, requests: 3 }], regions: [{ region: 'BR', costUsd: 2, requests: 3 }] }],
    ['budget figures at the top level (the budget detector)', { monthToDateUsd: 410, budgetUsd: 500, percent: 82, threshold: 80 }, { budget: { monthToDateUsd: 410, budgetUsd: 500, percent: 82 } }],
    ['bad rows are dropped', { regions: [{ region: 'BR', requests: 20, pastShare: 0 }, { nope: 1 }] }, { regions: [{ region: 'BR', requests: 20 }] }],
    ['budget', { budget: { monthToDateUsd: 812, budgetUsd: 1000, percent: 81.2, projectedCrossingAt: '2026-03-21T00:00:00Z' } }, { budget: { monthToDateUsd: 812, budgetUsd: 1000, percent: 81.2, projectedCrossingAt: '2026-03-21T00:00:00Z' } }],
  ])('%s', (_name, raw, expected) => {
    expect(evidenceOf(raw)).toEqual(expected);
  });

  it('keeps the five costliest models', () => {
    const models = [1, 7, 3, 9, 5, 2].map((c) => ({ model: `m${c}`, costUsd: c, requests: 1 }));
    expect(evidenceOf({ models }).models?.map((m) => m.model)).toEqual(['m9', 'm7', 'm5', 'm3', 'm2']);
  });
});

describe('buildTestMessage', () => {
  it('is a valid message that says it is a test', () => {
    const m = buildTestMessage({ routeName: 'slack-alerts', publicUrl: 'https://b.example/', nowMs: Date.parse('2026-03-31T10:00:00Z') });
    expect(alertMessageSchema.parse(m)).toEqual(m);
    expect(m).toMatchObject({ action: 'test', incidentId: null, severity: 'info', dedupKey: 'burnrate-test-1774951200000', links: { incident: 'https://b.example/', key: null } });
    expect(m.summary).toContain('slack-alerts');
  });
});
