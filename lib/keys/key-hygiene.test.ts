import { describe, expect, it } from 'vitest';
import { environmentTier, findHygieneIssues, type HygieneKey } from './key-hygiene';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const DAY = 86_400_000;
const policy = { rotationDays: 90, unusedDays: 30 };

const key = (over: Partial<HygieneKey> = {}): HygieneKey => ({
  id: over.name ?? 'k',
  name: 'k',
  provider: 'openai',
  providerKeyId: `key_${over.name ?? 'k'}`,
  projectId: null,
  projectName: null,
  environment: 'production',
  owner: 'ana@example.com',
  status: 'active',
  providerCreatedAt: NOW - 10 * DAY,
  lastUsedAt: NOW - DAY,
  createdAt: NOW - 10 * DAY,
  ...over,
});
const rules = (keys: HygieneKey[]) => findHygieneIssues(keys, policy, NOW).map((f) => `${f.keyName}:${f.rule}`);

describe('findHygieneIssues', () => {
  it.each([
    ['a fresh, used, owned key', [key()], []],
    ['older than the rotation policy', [key({ providerCreatedAt: NOW - 91 * DAY })], ['k:rotation_overdue']],
    ['exactly at the policy', [key({ providerCreatedAt: NOW - 90 * DAY })], []],
    ['no provider creation date: not judged for rotation', [key({ providerCreatedAt: null })], []],
    ['unused for 31 days', [key({ lastUsedAt: NOW - 31 * DAY })], ['k:unused']],
    ['never used, created 40 days ago', [key({ lastUsedAt: null, providerCreatedAt: NOW - 40 * DAY })], ['k:unused']],
    ['never used, created yesterday', [key({ lastUsedAt: null, providerCreatedAt: NOW - DAY })], []],
    ['no owner', [key({ owner: null })], ['k:no_owner']],
    ['a blank owner', [key({ owner: '  ' })], ['k:no_owner']],
    ['disabled keys are not judged', [key({ owner: null, status: 'disabled' })], []],
    ['placeholders are not keys', [key({ owner: null, providerKeyId: '(unattributed)' })], []],
  ])('%s', (_, keys, expected) => {
    expect(rules(keys)).toEqual(expected);
  });

  it('flags both sides of a project shared by production and staging keys', () => {
    const keys = [
      key({ name: 'Prod', projectId: 'proj_1', projectName: 'Helpdesk' }),
      key({ name: 'Stage', projectId: 'proj_1', projectName: 'Helpdesk', environment: 'staging' }),
      key({ name: 'Other', projectId: 'proj_2', environment: 'development' }),
      key({ name: 'SameIdOtherProvider', provider: 'anthropic', projectId: 'proj_1', environment: 'dev' }),
    ];
    const findings = findHygieneIssues(keys, policy, NOW);
    expect(findings.map((f) => `${f.keyName}:${f.rule}`)).toEqual(['Prod:shared_project', 'Stage:shared_project']);
    expect(findings[0]!.detail).toBe('OpenAI project “Helpdesk” is shared with non-production keys: Stage in staging.');
    expect(findings[1]!.detail).toBe('OpenAI project “Helpdesk” is shared with production keys: Prod in production.');
  });

  it('names a few keys of a large shared project and counts the rest, in linear time', () => {
    const keys = [
      key({ id: 'p', name: 'Prod', projectId: 'big', projectName: 'Monolith' }),
      ...Array.from({ length: 20_000 }, (_, i) => key({ id: `s${i}`, name: `Stage ${i}`, projectId: 'big', projectName: 'Monolith', environment: 'staging' })),
    ];
    const findings = findHygieneIssues(keys, policy, NOW).filter((f) => f.rule === 'shared_project');
    expect(findings).toHaveLength(20_001);
    expect(findings.find((f) => f.keyName === 'Prod')!.detail).toBe(
      'OpenAI project “Monolith” is shared with non-production keys: Stage 0 in staging, Stage 1 in staging, Stage 2 in staging and 19997 more.',
    );
  });

  it('says how old and how long unused', () => {
    const [rotation, unused] = findHygieneIssues([key({ providerCreatedAt: NOW - 400 * DAY, lastUsedAt: NOW - 45 * DAY })], policy, NOW);
    expect(rotation!.detail).toBe('Created 400 days ago; the rotation policy is 90 days.');
    expect(unused!.detail).toBe('Last used 45 days ago.');
  });
});

describe('environmentTier', () => {
  it.each([
    ['production', 'production'],
    ['prod-eu', 'production'],
    ['live', 'production'],
    ['preprod', 'lower'],
    ['staging', 'lower'],
    ['development', 'lower'],
    ['qa', 'lower'],
    ['sandbox', 'lower'],
    ['analytics', 'other'],
  ] as const)('%s -> %s', (name, tier) => {
    expect(environmentTier(name)).toBe(tier);
  });
});
