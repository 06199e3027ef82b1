import { IncidentTime } from '@/components/incident-time';
import type { IncidentDetail } from '@/lib/incidents/incident-schemas';

type Delivery = IncidentDetail['deliveries'][number];

const CHANNEL_LABELS: Record<Delivery['channel'], string> = { slack: 'Slack', pagerduty: 'PagerDuty' };
const ACTION_LABELS: Record<Delivery['action'], string> = { trigger: 'Alert', acknowledge: 'Acknowledge', resolve: 'Resolve', test: 'Test' };
const STATUS_LABELS: Record<Delivery['status'], { icon: string; label: string }> = {
  pending: { icon: '…', label: 'Pending' },
  delivered: { icon: '✓', label: 'Delivered' },
  failed: { icon: '✖', label: 'Failed' },
  cancelled: { icon: '–', label: 'Cancelled' },
};

type DeliveryLogProps = { deliveries: readonly Delivery[]; now: Date };

/** Every alert sent (or tried) for the incident, per route and channel. */
export function DeliveryLog({ deliveries, now }: DeliveryLogProps) {
  if (deliveries.length === 0) {
    return (
      <p className="muted" data-testid="delivery-log-empty">
        No alerts were sent for this incident
      </p>
    );
  }
  return (
    <div className="table-scroll" role="region" aria-label="Alert deliveries" tabIndex={0}>
      <table className="table" data-testid="delivery-log">
        <thead>
          <tr>
            <th scope="col">Route</th>
            <th scope="col">Channel</th>
            <th scope="col">Action</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Attempts
            </th>
            <th scope="col">Queued</th>
            <th scope="col">Delivered</th>
            <th scope="col">Last error</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => {
            const status = STATUS_LABELS[d.status];
            return (
              <tr key={d.id} data-testid="delivery-row">
                <th scope="row">{d.routeName}</th>
                <td>{CHANNEL_LABELS[d.channel]}</td>
                <td>{ACTION_LABELS[d.action]}</td>
                <td>
                  <span className="delivery-status" data-status={d.status}>
                    <span aria-hidden="true">{status.icon} </span>
                    {status.label}
                  </span>
                </td>
                <td className="numeric">{d.attempts}</td>
                <td>
                  <IncidentTime iso={d.createdAt} now={now} layout="stacked" />
                </td>
                <td>{d.deliveredAt ? <IncidentTime iso={d.deliveredAt} now={now} layout="stacked" /> : <span className="muted">—</span>}</td>
                <td className="delivery-error">{d.lastError ?? <span className="muted">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
