import { describe, expect, it } from 'vitest';
import { atLeast, defaultRoutes, routeIncident, routeMatches } from './route-incidents';
import type { RoutableIncident, RouteRule } from './route-incidents';

const route = (over: Partial<RouteRule> = {}): RouteRule => ({
  id: 'r',
  channel: 'slack',
  environments: [],
  kinds: [],
  minSeverity: 'info',
  keyTags: [],
  digest: false,
  enabled: true,
  healthy: true,
  ...over,
});
const incident = (over: Partial<RoutableIncident> = {}): RoutableIncident => ({ kind: 'spike', severity: 'error', environment: 'production', keyTags: ['team-support'], ...over });

describe('routeMatches', () => {
  it.each<[string, Partial<RouteRule>, Partial<RoutableIncident>, boolean]>([
    ['empty filters match everything', {}, {}, true],
    ['disabled gets nothing', { enabled: false }, {}, false],
    ['unhealthy is still chosen', { healthy: false }, {}, true],
    ['environment listed', { environments: ['production', 'staging'] }, {}, true],
    ['environment not listed', { environments: ['staging'] }, {}, false],
    ['no environment only matches unfiltered routes', { environments: ['production'] }, { environment: null }, false],
    ['kind listed', { kinds: ['spike', 'budget'] }, {}, true],
    ['kind not listed', { kinds: ['budget'] }, {}, false],
    ['a key tag in common', { keyTags: ['team-billing', 'team-support'] }, {}, true],
    ['no key tag in common', { keyTags: ['team-billing'] }, {}, false],
    ['tag filter and an untagged key', { keyTags: ['team-billing'] }, { keyTags: [] }, false],
    ['severity at the floor', { minSeverity: 'error' }, { severity: 'error' }, true],
    ['severity above the floor', { minSeverity: 'warning' }, { severity: 'critical' }, true],
    ['severity below the floor', { minSeverity: 'critical' }, { severity: 'error' }, false],
    ['info below warning', { minSeverity: 'warning' }, { severity: 'info' }, false],
    ['digest takes info', { digest: true }, { severity: 'info' }, true],
    ['digest leaves warning to immediate routes', { digest: true }, { severity: 'warning' }, false],
    ['digest ignores its minSeverity', { digest: true, minSeverity: 'error' }, { severity: 'info' }, true],
    ['digest still filters', { digest: true, environments: ['staging'] }, { severity: 'info' }, false],
    ['disabled digest', { digest: true, enabled: false }, { severity: 'info' }, false],
  ])('%s', (_name, r, i, expected) => {
    expect(routeMatches(incident(i), route(r))).toBe(expected);
  });

  it('orders severities info < warning < error < critical', () => {
    expect(atLeast('critical', 'error')).toBe(true);
    expect(atLeast('warning', 'error')).toBe(false);
    expect(atLeast('info', 'info')).toBe(true);
  });
});

describe('routeIncident', () => {
  it('keeps table order and the route objects themselves', () => {
    const routes = [route({ id: 'a' }), route({ id: 'b', enabled: false }), route({ id: 'c', channel: 'pagerduty' })];
    expect(routeIncident(incident(), routes).map((r) => r.id)).toEqual(['a', 'c']);
    expect(routeIncident(incident(), routes)[0]).toBe(routes[0]);
  });

  it('returns nothing for no routes', () => {
    expect(routeIncident(incident(), [])).toEqual([]);
  });
});

describe('defaultRoutes', () => {
  const routes = defaultRoutes().map((r, i) => ({ ...r, id: r.name, enabled: true, healthy: true, i }));
  const names = (i: Partial<RoutableIncident>) => routeIncident(incident(i), routes).map((r) => r.name);

  it.each<[string, Partial<RoutableIncident>, string[]]>([
    ['critical production spike pages and posts', { severity: 'critical' }, ['pagerduty-production', 'slack-alerts']],
    ['production budget overrun pages', { kind: 'budget', severity: 'error', keyTags: [] }, ['pagerduty-production', 'slack-alerts']],
    ['production off-hours error pages', { kind: 'off_hours', severity: 'error' }, ['pagerduty-production', 'slack-alerts']],
    ['a forecast does not page', { kind: 'budget_forecast', severity: 'error' }, ['slack-alerts']],
    ['a warning spike only posts', { severity: 'warning' }, ['slack-alerts']],
    ['a staging critical spike only posts', { environment: 'staging', severity: 'critical' }, ['slack-alerts']],
    ['the 50% budget notice goes to the digest only', { kind: 'budget', severity: 'info' }, ['slack-digest']],
  ])('%s', (_name, i, expected) => {
    expect(names(i)).toEqual(expected);
  });

  it('sends every incident to Slack exactly once', () => {
    for (const severity of ['info', 'warning', 'error', 'critical'] as const) {
      expect(routeIncident(incident({ severity }), routes).filter((r) => r.channel === 'slack')).toHaveLength(1);
    }
  });
});
