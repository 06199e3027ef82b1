import { describe, expect, it } from 'vitest';
import { compareMigrations, type LocalMigration } from './migrate';

const local: LocalMigration[] = [
  { name: '001_a', sql: '', checksum: 'a' },
  { name: '002_b', sql: '', checksum: 'b' },
  { name: '003_c', sql: '', checksum: 'c' },
];
const row = (migration_name: string, checksum: string, finished = true, rolledBack = false) => ({
  migration_name,
  checksum,
  finished_at: finished ? new Date() : null,
  rolled_back_at: rolledBack ? new Date() : null,
});

describe('compareMigrations', () => {
  it.each([
    ['nothing applied', [], { applied: [], pending: ['001_a', '002_b', '003_c'], failed: [], modified: [] }],
    ['some applied', [row('001_a', 'a')], { applied: ['001_a'], pending: ['002_b', '003_c'], failed: [], modified: [] }],
    ['a rolled-back attempt is pending again', [row('001_a', 'a'), row('002_b', 'b', false, true)], { applied: ['001_a'], pending: ['002_b', '003_c'], failed: [], modified: [] }],
    ['an unfinished one is failed', [row('001_a', 'a'), row('002_b', 'b', false)], { applied: ['001_a'], pending: ['003_c'], failed: ['002_b'], modified: [] }],
    ['an edited file is flagged', [row('001_a', 'zzz')], { applied: ['001_a'], pending: ['002_b', '003_c'], failed: [], modified: ['001_a'] }],
  ])('%s', (_, rows, expected) => {
    expect(compareMigrations(local, rows)).toEqual(expected);
  });
});
