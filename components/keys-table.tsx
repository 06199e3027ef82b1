import { formatRelativeTime, formatUsd } from '@/lib/client/format';
import type { KeyRow, KeysQuery } from '@/lib/usage/overview-schemas';

// The overview's columns; the keys page sorts by more (components/key-list-table.tsx).
export type KeySort = Extract<KeysQuery['sort'], 'cost' | 'name' | 'lastUsed'>;

const PROVIDER_LABELS: Record<KeyRow['provider'], string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
};

// Each sort has one direction, chosen by the API: names A→Z, the rest biggest or newest first.
const SORT_DIRECTION: Record<KeySort, 'ascending' | 'descending'> = {
  name: 'ascending',
  cost: 'descending',
  lastUsed: 'descending',
};

type KeysTableProps = {
  rows: readonly KeyRow[];
  sort: KeySort;
  onSortChange: (sort: KeySort) => void;
  /** The moment "last used" is measured from, so rendering stays pure. */
  now: Date;
};

export function KeysTable({ rows, sort, onSortChange, now }: KeysTableProps) {
  const header = (column: KeySort, label: string, className?: string) => (
    <th scope="col" className={className} aria-sort={sort === column ? SORT_DIRECTION[column] : undefined}>
      <button type="button" className="sort-button" onClick={() => onSortChange(column)}>
        {label}
        <span className="sort-indicator" aria-hidden="true">
          {sort === column ? (SORT_DIRECTION[column] === 'ascending' ? '↑' : '↓') : ''}
        </span>
      </button>
    </th>
  );

  return (
    <div className="table-scroll" role="region" aria-label="API keys" tabIndex={0}>
      <table className="table" data-testid="keys-table">
        <thead>
          <tr>
            {header('name', 'Name')}
            <th scope="col">Provider</th>
            <th scope="col">Environment</th>
            <th scope="col">Owner</th>
            <th scope="col">Key</th>
            {header('cost', 'Month to date', 'numeric')}
            {header('lastUsed', 'Last used')}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="key-row">
              <th scope="row" className="key-name">
                {row.name}
                {row.status !== 'active' ? <span className="badge">{row.status}</span> : null}
              </th>
              <td>{PROVIDER_LABELS[row.provider]}</td>
              <td>
                <span className="tag">{row.environment}</span>
              </td>
              <td>{row.owner ?? <span className="muted">no owner</span>}</td>
              <td>{row.redactedHint ? <code className="hint">{row.redactedHint}</code> : <span className="muted">—</span>}</td>
              <td className="numeric" data-testid="key-mtd">
                {formatUsd(row.monthToDateUsd)}
              </td>
              <td>
                {row.lastUsedAt ? (
                  <time dateTime={row.lastUsedAt} title={row.lastUsedAt}>
                    {formatRelativeTime(row.lastUsedAt, now)}
                  </time>
                ) : (
                  <span className="muted">Never</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
