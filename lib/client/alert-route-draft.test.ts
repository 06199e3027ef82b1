import { describe, expect, it } from 'vitest';
import type { AlertRouteView, UpdateRouteInput } from '@/lib/alerts/alert-route-schemas';
import type { RouteDraft } from './alert-route-draft';
import { changedFields, createBody, draftOf, emptyDraft, fieldErrors, routePresets, splitList, toggleBody, updateBody } from './alert-route-draft';

const route: AlertRouteView = {
  id: '0b6f2c1e-0000-4000-8000-000000000001',
  name: 'PagerDuty (production)',
  channel: 'pagerduty',
  targetHint: 'demo…demo',
  environments: ['production'],
  kinds: ['budget', 'spike'],
  minSeverity: 'error',
  keyTags: [],
  digest: false,
  enabled: true,
  healthy: true,
  unhealthyReason: null,
  lastDeliveredAt: null,
  pending: 0,
  failedLastDay: 0,
};

describe('splitList', () => {
  it.each([
    ['', []],
    ['production', ['production']],
    [' production , staging,,production ', ['production', 'staging']],
    ['a\nb, c', ['a', 'b', 'c']],
  ])('%j -> %j', (text, list) => {
    expect(splitList(text)).toEqual(list);
  });
});

describe('createBody', () => {
  it('trims, splits the lists and keeps kinds in a stable order', () => {
    const draft: RouteDraft = { ...emptyDraft('pagerduty'), name: ' On-call ', target: ' abc ', environments: 'production, staging', kinds: ['off_hours', 'spike'], keyTags: 'team-a' };
    expect(createBody(draft)).toEqual({
      channel: 'pagerduty',
      name: 'On-call',
      target: 'abc',
      environments: ['production', 'staging'],
      kinds: ['spike', 'off_hours'],
      minSeverity: 'warning',
      keyTags: ['team-a'],
      digest: false,
      enabled: true,
    });
  });

  it('sends a digest only for Slack', () => {
    expect(createBody({ ...emptyDraft('slack'), digest: true }).digest).toBe(true);
    expect(createBody({ ...emptyDraft('pagerduty'), digest: true }).digest).toBe(false);
  });
});

describe('draftOf and changedFields', () => {
  it('never prefills the target', () => {
    expect(draftOf(route).target).toBe('');
  });

  it('finds no change in an untouched draft (an empty target keeps the secret)', () => {
    expect(changedFields(draftOf(route), route)).toEqual({});
  });

  it.each([
    [{ name: ' Renamed ' }, { name: 'Renamed' }],
    [{ target: ' fakefakefakefakefakefakefake0001 ' }, { target: 'fakefakefakefakefakefakefake0001' }],
    [{ target: '   ' }, {}],
    [{ environments: 'production, staging' }, { environments: ['production', 'staging'] }],
    [{ environments: '' }, { environments: [] }],
    [{ kinds: ['spike', 'budget'] }, {}],
    [{ kinds: ['spike'] }, { kinds: ['spike'] }],
    [{ minSeverity: 'critical' }, { minSeverity: 'critical' }],
    [{ keyTags: 'team-a, team-b' }, { keyTags: ['team-a', 'team-b'] }],
    [{ enabled: false }, { enabled: false }],
  ] satisfies [Partial<RouteDraft>, UpdateRouteInput][])('%j -> %j', (change, body) => {
    expect(changedFields({ ...draftOf(route), ...change }, route)).toEqual(body);
  });
});

describe('updateBody and toggleBody', () => {

  it('is null when nothing changed, so no request is sent', () => {
    expect(updateBody(draftOf(route), route)).toBeNull();
  });

  it('sends only what changed (the API leaves the rest as it is)', () => {
    expect(updateBody({ ...draftOf(route), minSeverity: 'critical' }, route)).toEqual({ minSeverity: 'critical' });
  });

  it('sends a list it changed, even to empty', () => {
    expect(updateBody({ ...draftOf(route), environments: '' }, route)).toEqual({ environments: [] });
  });

  it.each([true, false])('toggles enabled=%s and nothing else', (enabled) => {
    expect(toggleBody({ ...route, enabled })).toEqual({ enabled: !enabled });
  });
});

describe('routePresets', () => {
  it('offers the install defaults, the daily digest included', () => {
    const presets = routePresets();
    expect(presets.map((p) => p.label)).toEqual([
      'PagerDuty for production at error and above',
      'Slack for everything at warning and above',
      'Slack for everything: info notices in a daily digest at 09:00 UTC',
    ]);
    expect(presets[2]!.draft).toMatchObject({ channel: 'slack', digest: true });
    expect(presets[0]!.draft).toMatchObject({ channel: 'pagerduty', environments: 'production', minSeverity: 'error', target: '' });
    expect(presets[0]!.draft.kinds).not.toContain('budget_forecast');
    expect(presets[1]!.draft).toMatchObject({ channel: 'slack', environments: '', kinds: [], minSeverity: 'warning' });
  });
});

describe('fieldErrors', () => {
  const key = 'a PagerDuty routing key (integration key) is 32 letters and digits; copy it from the service’s Events API v2 integration';
  it.each([
    [{ status: 400, message: `Invalid body: target: ${key}` }, { fields: { target: key }, general: null }],
    [
      { status: 400, message: `Invalid body: name: give the route a name; target: ${key}` },
      { fields: { name: 'give the route a name', target: key }, general: null },
    ],
    [
      { status: 400, message: 'Invalid body: target: a Slack webhook is a URL such as https://…; target: a Slack webhook must be an https:// URL' },
      { fields: { target: 'a Slack webhook is a URL such as https://…' }, general: null },
    ],
    [{ status: 400, message: 'Invalid body: environments.0: Too small' }, { fields: { environments: 'Too small' }, general: null }],
    [{ status: 400, message: 'Invalid target: a Slack webhook must be an https:// URL' }, { fields: { target: 'a Slack webhook must be an https:// URL' }, general: null }],
    [{ status: 400, message: 'Invalid body: body: Invalid input' }, { fields: {}, general: 'Invalid input: body: Invalid input' }],
    [{ status: 400, message: 'Body is not valid JSON' }, { fields: {}, general: 'Body is not valid JSON' }],
    [
      { status: 409, message: 'A route named "x" exists already; pick another name' },
      { fields: { name: 'A route named "x" exists already; pick another name' }, general: null },
    ],
    [{ status: 0, message: 'Could not reach the Burnrate server. Check that it is running.' }, { fields: {}, general: 'Could not reach the Burnrate server. Check that it is running.' }],
  ])('%j', (error, expected) => {
    expect(fieldErrors(error)).toEqual(expected);
  });
});
