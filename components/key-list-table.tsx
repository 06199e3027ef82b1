import Link from 'next/link';
import { KeyBudgetBar } from '@/components/key-budget-bar';
import { KeySparkline } from '@/components/key-sparkline';
import { formatRelativeTime, formatUsd } from '@/lib/client/format';
import { keyStatusLabel, PROVIDER_LABELS, trendText } from '@/lib/client/key-labels';
import type { KeyRow, KeysQuery } from '@/lib/usage/overview-schemas';

export type KeyListSort = KeysQuery['sort'];

// Each sort has one direction, chosen by the API: names A→Z, the rest biggest or newest first.
const SORT_DIRECTION: Record<KeyListSort, 'ascending' | 'descending'> = {
  name: 'ascending',
  provider: 'ascending',
  environment: 'ascending',
  cost: 'descending',
  budget: 'descending',
  last7d: 'descending',
  lastUsed: 'descending',
};

type KeyListTableProps = {
  rows: readonly KeyRow[];
  sort: KeyListSort;
  onSortChange: (sort: KeyListSort) => void;
  /** Narrows the list to keys with this tag. */
  onTagClick: (tag: string) => void;
  /** The moment "last used" is measured from, so rendering stays pure. */
  now: Date;
  label?: string;
};

/** Keys with what they cost, their budget, their last two weeks and their state; every column that sorts says so. */
export function KeyListTable({ rows, sort, onSortChange, onTagClick, now, label = 'API keys' }: KeyListTableProps) {
  const header = (column: KeyListSort, text: string, className?: string) => (
    <th scope="col" className={className} aria-sort={sort === column ? SORT_DIRECTION[column] : undefined}>
      <button type="button" className="sort-button" onClick={() => onSortChange(column)} data-testid={`sort-${column}`}>
        {text}
        <span className="sort-indicator" aria-hidden="true">
          {sort === column ? (SORT_DIRECTION[column] === 'ascending' ? '↑' : '↓') : ''}
        </span>
      </button>
    </th>
  );

  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table className="table key-list" data-testid="key-list">
        <thead>
          <tr>
            {header('name', 'Name')}
            {header('provider', 'Provider')}
            {header('environment', 'Environment')}
            <th scope="col">Owner</th>
            <th scope="col">Tags</th>
            {header('cost', 'Month to date', 'numeric')}
            {header('budget', 'Budget used')}
            {header('last7d', 'Last 7 days')}
            {header('lastUsed', 'Last used')}
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const trend = trendText(row.trend);
            return (
              <tr key={row.id} data-testid="key-list-row" data-status={row.status}>
                <th scope="row" className="key-name">
                  <Link href={`/keys/${row.id}`} data-testid="key-link">
                    {row.name}
                  </Link>
                  {row.redactedHint ? <code className="hint key-list-hint">{row.redactedHint}</code> : null}
                </th>
                <td>{PROVIDER_LABELS[row.provider]}</td>
                <td>
                  <Link href={`/environments/${encodeURIComponent(row.environment)}`} className="tag">
                    {row.environment}
                  </Link>
                </td>
                <td className="key-list-owner">{row.owner ?? <span className="muted">no owner</span>}</td>
                <td className="key-list-tags">
                  {row.tags.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <ul className="key-tags">
                      {row.tags.map((tag) => (
                        <li key={tag}>
                          <button type="button" className="key-tag-button" onClick={() => onTagClick(tag)} title={`Show keys tagged ${tag}`}>
                            {tag}
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="numeric" data-testid="key-list-mtd">
                  {formatUsd(row.monthToDateUsd)}
                </td>
                <td>
                  <KeyBudgetBar percent={row.budgetPercent} budgetUsd={row.budgetUsd} />
                </td>
                <td>
                  <span className="key-trend">
                    <KeySparkline values={row.sparkline} label={`Daily cost of ${row.name}, last 14 days`} />
                    <span className="key-trend-figures">
                      <span data-testid="key-list-last7d">{formatUsd(row.trend.last7dUsd)}</span>
                      <span className="key-trend-change" data-direction={trend.direction} title="Against the 7 days before">
                        {trend.text}
                      </span>
                    </span>
                  </span>
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
                <td>
                  <span className="key-status" data-status={row.status}>
                    {keyStatusLabel(row.status)}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
