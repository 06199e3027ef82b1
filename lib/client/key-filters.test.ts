import { describe, expect, it } from 'vitest';
import { changeKeyFilters, keyFiltersSearch, keysApiSearch, parseKeyFilters } from './key-filters';

const parse = (search: string) => parseKeyFilters(new URLSearchParams(search));

describe('parseKeyFilters', () => {
  it.each([
    ['', { sort: 'cost', page: 1, provider: undefined, status: undefined }],
    ['sort=last7d&page=3', { sort: 'last7d', page: 3, provider: undefined, status: undefined }],
    ['sort=bogus&page=-1&provider=azure&status=gone', { sort: 'cost', page: 1, provider: undefined, status: undefined }],
    ['provider=anthropic&status=disabled&tag=batch&environment=staging&q=%20chat%20', { sort: 'cost', page: 1, provider: 'anthropic', status: 'disabled', tag: 'batch', environment: 'staging', q: 'chat' }],
    ['tag=%20%20', { sort: 'cost', page: 1, provider: undefined, status: undefined }],
  ])('%s', (search, expected) => {
    expect(parse(search)).toEqual(expected);
  });
});

describe('keyFiltersSearch', () => {
  it.each([
    ['', ''],
    ['sort=cost&page=1', ''],
    ['sort=budget&tag=team%3Aa&page=2', 'sort=budget&tag=team%3Aa&page=2'],
    ['q=chat&environment=prod&provider=openai&status=active', 'q=chat&environment=prod&provider=openai&status=active'],
  ])('%s -> %s', (search, expected) => {
    expect(keyFiltersSearch(parse(search))).toBe(expected);
  });
});

describe('changeKeyFilters', () => {
  it('starts again from the first page unless the page is what changed', () => {
    const current = parse('page=4&sort=name');
    expect(changeKeyFilters(current, { sort: 'cost' }).page).toBe(1);
    expect(changeKeyFilters(current, { page: 5 }).page).toBe(5);
  });
});

describe('keysApiSearch', () => {
  it('always sends sort, page and size, and only the filters set', () => {
    expect(keysApiSearch({ ...parse('tag=batch'), pageSize: 25 })).toBe('sort=cost&page=1&pageSize=25&tag=batch');
  });
});
