import { describe, expect, it } from 'vitest';
import { changeFilters, incidentFiltersSearch, incidentsApiSearch, parseIncidentFilters } from './incident-filters';
import type { IncidentFilters } from './incident-filters';

const KEY = '0b6f2c1e-1f0a-4c7e-9d2a-3b4c5d6e7f80';
const defaults: IncidentFilters = { status: 'active', kind: undefined, severity: undefined, environment: undefined, key: undefined, page: 1 };

describe('parseIncidentFilters', () => {
  it.each([
    ['', defaults],
    ['status=all&kind=spike&severity=error&environment=production&page=3', { ...defaults, status: 'all', kind: 'spike', severity: 'error', environment: 'production', page: 3 }],
    [`status=resolved&key=${KEY}`, { ...defaults, status: 'resolved', key: KEY }],
    ['status=closed&kind=meteor&severity=panic&page=0&key=nope&environment=%20%20', defaults],
    ['page=2.5', defaults],
  ])('%s', (search, expected) => {
    expect(parseIncidentFilters(new URLSearchParams(search))).toEqual(expected);
  });
});

describe('incidentFiltersSearch', () => {
  it.each([
    [defaults, ''],
    [{ ...defaults, status: 'all' }, 'status=all'],
    [{ ...defaults, kind: 'off_hours', severity: 'warning', environment: 'prod eu', page: 2 }, 'kind=off_hours&severity=warning&environment=prod+eu&page=2'],
  ] as const)('%j -> %s', (filters, expected) => {
    expect(incidentFiltersSearch(filters)).toBe(expected);
  });

  it('round-trips through the URL', () => {
    const filters: IncidentFilters = { status: 'open', kind: 'budget', severity: 'critical', environment: 'staging', key: KEY, page: 4 };
    expect(parseIncidentFilters(new URLSearchParams(incidentFiltersSearch(filters)))).toEqual(filters);
  });
});

describe('changeFilters', () => {
  it('goes back to the first page when a filter changes', () => {
    expect(changeFilters({ ...defaults, page: 3 }, { kind: 'spike' })).toEqual({ ...defaults, kind: 'spike', page: 1 });
  });

  it('keeps the other filters when the page changes', () => {
    expect(changeFilters({ ...defaults, kind: 'spike' }, { page: 2 })).toEqual({ ...defaults, kind: 'spike', page: 2 });
  });
});

describe('incidentsApiSearch', () => {
  it.each([
    [{ status: 'active', page: 1, pageSize: 5 }, 'status=active&page=1&pageSize=5'],
    [{ status: 'all', kind: 'spike', severity: 'error', environment: 'prod', key: KEY, page: 2, pageSize: 25 }, `status=all&page=2&pageSize=25&kind=spike&severity=error&environment=prod&key=${KEY}`],
  ] as const)('%j', (query, expected) => {
    expect(incidentsApiSearch(query)).toBe(expected);
  });
});
