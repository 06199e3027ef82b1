import { describe, expect, it } from 'vitest';
import { describeDeliveryCounts, describePreset, describeRouteFilters, routeHealth, sentence } from './alert-route-labels';

const all = { environments: [], kinds: [], minSeverity: 'warning', keyTags: [] } as const;

describe('describeRouteFilters', () => {
  it.each([
    [{ ...all }, 'all environments · all kinds · warning and above'],
    [{ ...all, environments: ['production'], kinds: ['spike', 'budget'], minSeverity: 'error' }, 'production · spike, budget · error and above'],
    [{ ...all, environments: ['production', 'staging'], kinds: ['off_hours', 'dormant_wake'], minSeverity: 'critical' }, 'production, staging · off-hours, dormant key woke · critical only'],
    [{ ...all, minSeverity: 'info', keyTags: ['team-a', 'billing'] }, 'all environments · all kinds · info and above · keys tagged team-a or billing'],
  ] as const)('%j -> %s', (route, words) => {
    expect(describeRouteFilters(route)).toBe(words);
  });
});

describe('describePreset', () => {
  it.each([
    ['pagerduty', { ...all, environments: ['production'], minSeverity: 'error' }, 'PagerDuty for production at error and above'],
    ['slack', all, 'Slack for everything at warning and above'],
  ] as const)('%s %j -> %s', (channel, route, words) => {
    expect(describePreset(channel, route)).toBe(words);
  });
});

describe('routeHealth', () => {
  it.each([
    [{ healthy: true, unhealthyReason: null }, { state: 'healthy', label: 'Healthy', detail: null }],
    [{ healthy: false, unhealthyReason: 'Slack said 404 no_service' }, { state: 'failing', label: 'Failing', detail: 'Slack said 404 no_service' }],
    [{ healthy: false, unhealthyReason: null }, { state: 'failing', label: 'Failing', detail: 'The last send failed.' }],
  ])('%j', (route, health) => {
    expect(routeHealth(route)).toMatchObject(health);
  });
});

describe('describeDeliveryCounts', () => {
  it.each([
    [0, 0, 'Nothing pending · no failures in the last day'],
    [2, 0, '2 pending · no failures in the last day'],
    [0, 1, 'Nothing pending · 1 failed in the last day'],
    [3, 12, '3 pending · 12 failed in the last day'],
  ])('%i pending, %i failed -> %s', (pending, failed, words) => {
    expect(describeDeliveryCounts(pending, failed)).toBe(words);
  });
});

describe('sentence', () => {
  it.each([
    ['a PagerDuty routing key is 32 letters', 'A PagerDuty routing key is 32 letters'],
    ['Already capital', 'Already capital'],
    ['', ''],
  ])('%s', (message, expected) => {
    expect(sentence(message)).toBe(expected);
  });
});
