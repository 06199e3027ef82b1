import Link from 'next/link';
import { IncidentStatusBadge } from '@/components/incident-status-badge';
import { IncidentTime } from '@/components/incident-time';
import { SeverityBadge } from '@/components/severity-badge';
import { formatInteger } from '@/lib/client/format';
import { KIND_LABELS, incidentTitle } from '@/lib/client/incident-labels';
import type { IncidentDetail } from '@/lib/incidents/incident-schemas';

type IncidentHeaderProps = { incident: IncidentDetail; now: Date };

export function IncidentHeader({ incident, now }: IncidentHeaderProps) {
  return (
    <header className="incident-header">
      <h1 className="page-title" data-testid="incident-title">
        {incidentTitle(incident.kind, incident.key?.name ?? incident.keyName, incident.environment)}
      </h1>
      <p className="incident-summary" data-testid="incident-summary">
        {incident.summary}
      </p>
      <dl className="incident-meta">
        <div>
          <dt>Severity</dt>
          <dd>
            <SeverityBadge severity={incident.severity} />
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <IncidentStatusBadge status={incident.status} testId="incident-status" />
          </dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{KIND_LABELS[incident.kind]}</dd>
        </div>
        <div>
          <dt>Key</dt>
          <dd>
            {incident.key ? (
              <>
                {/* The key page comes later; no prefetch until it exists. */}
                <Link href={`/keys/${incident.key.id}`} prefetch={false} data-testid="incident-key">
                  {incident.key.name}
                </Link>
                {incident.key.redactedHint ? <code className="hint"> {incident.key.redactedHint}</code> : null}
                {incident.key.owner ? <span className="muted"> · {incident.key.owner}</span> : null}
              </>
            ) : (
              <span className="muted">Whole environment</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Environment</dt>
          <dd>{incident.environment ? <span className="tag">{incident.environment}</span> : <span className="muted">—</span>}</dd>
        </div>
        <div>
          <dt>Opened</dt>
          <dd>
            <IncidentTime iso={incident.openedAt} now={now} layout="stacked" />
          </dd>
        </div>
        <div>
          <dt>Last finding</dt>
          <dd>
            <IncidentTime iso={incident.lastSeenAt} now={now} layout="stacked" />
          </dd>
        </div>
        <div>
          <dt>Findings</dt>
          <dd>{formatInteger(incident.findingCount)}</dd>
        </div>
      </dl>
    </header>
  );
}
