import { describe, expect, it } from 'vitest';
import { auditApiSearch, auditExportHref, auditFiltersSearch, changeAuditFilters, hasAuditFilters, parseAuditFilters } from './audit-filters';
import type { AuditFilters } from './audit-filters';

const none: AuditFilters = { action: undefined, entity: undefined, entityId: undefined, actor: undefined, from: undefined, to: undefined, page: 1 };

describe('parseAuditFilters', () => {
  it.each([
    ['', none],
    ['entity=budget&actor=ana%40example.com&from=2026-11-01&to=2026-11-23&page=2', { ...none, entity: 'budget', actor: 'ana@example.com', from: '2026-11-01', to: '2026-11-23', page: 2 }],
    ['action=budget.&entityId=b1', { ...none, action: 'budget.', entityId: 'b1' }],
    ['from=yesterday&to=2026-13-01&page=0&entity=%20%20', none],
  ])('%s', (search, expected) => {
    expect(parseAuditFilters(new URLSearchParams(search))).toEqual(expected);
  });

  it('round-trips through the URL', () => {
    const filters: AuditFilters = { action: 'alert_route.update', entity: 'alert_route', entityId: 'r1', actor: 'command line', from: '2026-10-01', to: '2026-10-31', page: 3 };
    expect(parseAuditFilters(new URLSearchParams(auditFiltersSearch(filters)))).toEqual(filters);
    expect(auditFiltersSearch(none)).toBe('');
  });
});

describe('changeAuditFilters', () => {
  it('starts from the first page unless the page is what changed', () => {
    const on3 = { ...none, page: 3 };
    expect(changeAuditFilters(on3, { entity: 'budget' })).toEqual({ ...none, entity: 'budget', page: 1 });
    expect(changeAuditFilters(on3, { page: 4 })).toEqual({ ...none, page: 4 });
    expect(hasAuditFilters(on3)).toBe(false);
    expect(hasAuditFilters({ ...none, to: '2026-11-01' })).toBe(true);
  });
});

describe('the API query', () => {
  it('maps days to UTC instants, the last day included', () => {
    const filters = { ...none, entity: 'budget', actor: 'ana@example.com', from: '2026-11-01', to: '2026-11-30', page: 2 };
    expect(Object.fromEntries(new URLSearchParams(auditApiSearch(filters, 50)))).toEqual({
      targetType: 'budget',
      actor: 'ana@example.com',
      since: '2026-11-01T00:00:00.000Z',
      until: '2026-12-01T00:00:00.000Z',
      page: '2',
      pageSize: '50',
    });
  });

  it('exports with the filters but not the page', () => {
    expect(auditExportHref(none)).toBe('/api/audit/export');
    expect(auditExportHref({ ...none, action: 'budget.', page: 5 })).toBe('/api/audit/export?action=budget.');
  });
});
