import Link from 'next/link';
import { IncidentStatusBadge } from '@/components/incident-status-badge';
import { IncidentTime } from '@/components/incident-time';
import { SeverityBadge } from '@/components/severity-badge';
import { KIND_LABELS } from '@/lib/client/incident-labels';
import type { IncidentRow } from '@/lib/incidents/incident-schemas';

type IncidentTableProps = {
  rows: readonly IncidentRow[];
  /** The moment "opened" is measured from, so rendering stays pure. */
  now: Date;
  /** Accessible name of the scrolling region: "Incidents". */
  label: string;
};

export function IncidentTable({ rows, now, label }: IncidentTableProps) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table className="table incident-table" data-testid="incident-table">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Incident</th>
            <th scope="col">Kind</th>
            <th scope="col">Key</th>
            <th scope="col">Environment</th>
            <th scope="col">Opened</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="incident-row" data-status={row.status}>
              <td>
                <SeverityBadge severity={row.severity} />
              </td>
              <th scope="row" className="incident-summary-cell">
                <Link href={`/incidents/${row.id}`} className="incident-link" data-testid="incident-link">
                  {row.summary}
                </Link>
              </th>
              <td>{KIND_LABELS[row.kind]}</td>
              <td>
                {row.keyId && row.keyName ? (
                  // The key page comes later; no prefetch until it exists.
                  <Link href={`/keys/${row.keyId}`} prefetch={false}>
                    {row.keyName}
                  </Link>
                ) : (
                  <span className="muted">Whole environment</span>
                )}
              </td>
              <td>{row.environment ? <span className="tag">{row.environment}</span> : <span className="muted">—</span>}</td>
              <td>
                <IncidentTime iso={row.openedAt} now={now} layout="stacked" />
              </td>
              <td>
                <IncidentStatusBadge status={row.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
