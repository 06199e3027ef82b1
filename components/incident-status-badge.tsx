import { STATUS_LABELS } from '@/lib/client/incident-labels';
import type { IncidentStatus } from '@/lib/client/incident-labels';

const STATUS_ICONS: Record<IncidentStatus, string> = {
  open: '●',
  acknowledged: '◐',
  resolved: '✓',
};

export function IncidentStatusBadge({ status, testId }: { status: IncidentStatus; testId?: string }) {
  return (
    <span className="incident-status" data-status={status} data-testid={testId}>
      <span className="incident-status-icon" aria-hidden="true">
        {STATUS_ICONS[status]}
      </span>
      {STATUS_LABELS[status]}
    </span>
  );
}
