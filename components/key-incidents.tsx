import Link from 'next/link';
import { IncidentStatusBadge } from '@/components/incident-status-badge';
import { IncidentTime } from '@/components/incident-time';
import { SeverityBadge } from '@/components/severity-badge';
import { formatInteger } from '@/lib/client/format';
import { KIND_LABELS } from '@/lib/client/incident-labels';
import type { KeyDetail } from '@/lib/keys/key-schemas';

type KeyIncidentsProps = { keyId: string; incidents: KeyDetail['incidents']; now: Date };

/** The key's latest incidents, and the way to all of them. */
export function KeyIncidents({ keyId, incidents, now }: KeyIncidentsProps) {
  const all = `/incidents?key=${encodeURIComponent(keyId)}&status=all`;
  return (
    <div className="key-incidents" data-testid="key-incidents">
      <p>
        <strong>{formatInteger(incidents.active)}</strong> active of <strong>{formatInteger(incidents.total)}</strong> in all.{' '}
        <Link href={all} data-testid="key-incidents-link">
          See all of this key’s incidents<span aria-hidden="true"> →</span>
        </Link>
      </p>
      {incidents.recent.length === 0 ? (
        <p className="muted">No incidents for this key.</p>
      ) : (
        <ul className="key-incident-list">
          {incidents.recent.map((i) => (
            <li key={i.id}>
              <Link href={`/incidents/${i.id}`}>{KIND_LABELS[i.kind]}</Link>
              <SeverityBadge severity={i.severity} />
              <IncidentStatusBadge status={i.status} />
              <IncidentTime iso={i.openedAt} now={now} />
              <span className="key-incident-summary">{i.summary}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
