import Link from 'next/link';
import { formatDate, formatUsd } from '@/lib/client/format';
import { moverChange } from '@/lib/usage/mover-change';
import type { TopMovers } from '@/lib/usage/overview-schemas';

type OverviewMoversProps = { movers: TopMovers };

/** The keys whose spend changed most week over week; each links to its key page. */
export function OverviewMovers({ movers }: OverviewMoversProps) {
  const lastDay = new Date(Date.parse(movers.to) - 1).toISOString();
  return (
    <div className="table-scroll" role="region" aria-label="Top movers" tabIndex={0}>
      <table className="table movers-table" data-testid="movers-table">
        <caption className="movers-caption">
          Last 7 days ({formatDate(movers.from)} – {formatDate(lastDay)}, UTC) against the 7 before
        </caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Environment</th>
            <th scope="col" className="numeric">
              7 days before
            </th>
            <th scope="col" className="numeric">
              Last 7 days
            </th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {movers.rows.map((row) => {
            const change = moverChange(row);
            return (
              <tr key={row.keyId} data-testid="mover-row" data-direction={change.direction}>
                <th scope="row">
                  <Link href={`/keys/${row.keyId}`} data-testid="mover-link">
                    {row.name}
                  </Link>
                </th>
                <td>{row.environment}</td>
                <td className="numeric" data-testid="mover-previous">
                  {formatUsd(row.previousUsd)}
                </td>
                <td className="numeric" data-testid="mover-last">
                  {formatUsd(row.lastUsd)}
                </td>
                <td className={`mover-change mover-${change.direction}`} data-testid="mover-change">
                  <span aria-hidden="true">{change.direction === 'up' ? '▲ ' : '▼ '}</span>
                  {change.words} <span className="mover-amount">({change.amount})</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
