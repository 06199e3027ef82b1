import { IncidentTime } from '@/components/incident-time';
import { auditDiff } from '@/lib/client/audit-diff';
import type { AuditEntry } from '@/lib/audit/audit-log';

type AuditTableProps = {
  entries: readonly AuditEntry[];
  /** The moment "when" is measured from, so rendering stays pure. */
  now: Date;
  /** Filters the page to one entity: the entity id of an entry. */
  onEntity: (entity: { type: string; id: string }) => void;
};

// Who did what, when, to which entity, and the fields before and after (changed ones marked).
export function AuditTable({ entries, now, onEntity }: AuditTableProps) {
  return (
    <div className="table-scroll" role="region" aria-label="Audit log" tabIndex={0}>
      <table className="table audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Entity</th>
            <th scope="col">Before and after</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
              <td>
                <IncidentTime iso={entry.at} now={now} layout="stacked" />
              </td>
              <td>
                <div className="audit-stack">
                  {entry.actor ?? <span className="muted">Burnrate</span>}
                  {entry.ip ? <span className="muted audit-ip">{entry.ip}</span> : null}
                </div>
              </td>
              <td>
                <code data-testid="audit-action">{entry.action}</code>
              </td>
              <td>
                <div className="audit-stack">
                  <span className="tag">{entry.targetType}</span>
                  {entry.targetId ? (
                    <button type="button" className="audit-entity-id" title="Only this entity" onClick={() => onEntity({ type: entry.targetType, id: entry.targetId! })}>
                      {entry.targetId}
                    </button>
                  ) : null}
                </div>
              </td>
              <td>
                <AuditChanges before={entry.before} after={entry.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AuditChanges({ before, after }: { before: unknown; after: unknown }) {
  const rows = auditDiff(before, after);
  if (rows.length === 0) return <span className="muted">No details recorded</span>;
  const created = before === null || before === undefined;
  const deleted = after === null || after === undefined;
  return (
    <table className="audit-diff" data-testid="audit-diff">
      <thead>
        <tr>
          <th scope="col">Field</th>
          {created ? null : <th scope="col">Before</th>}
          {deleted ? null : <th scope="col">After</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.field} className={row.changed ? 'audit-changed' : undefined} data-testid="audit-field" data-field={row.field} data-changed={row.changed || undefined}>
            <th scope="row">
              {row.field}
              {row.changed ? <span className="sr-only"> (changed)</span> : null}
            </th>
            {created ? null : <td>{row.before ?? <span className="muted">—</span>}</td>}
            {deleted ? null : <td>{row.after ?? <span className="muted">—</span>}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
