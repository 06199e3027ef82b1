import { useId } from 'react';
import type { ReactNode } from 'react';
import { IncidentTime } from '@/components/incident-time';
import { CHANNEL_LABELS, describeDeliveryCounts, describeRouteFilters, routeHealth } from '@/lib/client/alert-route-labels';
import type { AlertRouteView, TestResult } from '@/lib/alerts/alert-route-schemas';
import { InlineConfirm } from '@/components/inline-confirm';
import { useCardActions } from '@/lib/client/use-card-actions';

export type RouteBusy = 'test' | 'toggle' | 'delete';

type AlertRouteCardProps = {
  route: AlertRouteView;
  /** When the list was fetched; "last delivered" is measured from it. */
  now: Date;
  /** The action being sent, if any: every button waits for it. */
  busy: RouteBusy | null;
  /** The last test alert's outcome, in the channel's words. */
  test: TestResult | null;
  /** A request that failed (not a channel that refused a test), in words. */
  error: string | null;
  editing: boolean;
  onTest: () => void;
  onToggle: () => void;
  onEdit: () => void;
  onDelete: () => void;
  /** The edit form, shown under the route while editing. */
  children?: ReactNode;
};

/** One route: where it sends, what it takes, whether sending works, and what can be done with it. */
export function AlertRouteCard({ route, now, busy, test, error, editing, onTest, onToggle, onEdit, onDelete, children }: AlertRouteCardProps) {
  const id = useId();
  const { confirming, setConfirming, keep, deleteRef, editRef } = useCardActions(editing);
  const health = routeHealth(route);
  const waiting = busy !== null;

  return (
    <li className="route" aria-labelledby={`${id}-name`} data-testid="alert-route" data-route-name={route.name} data-enabled={String(route.enabled)} data-health={health.state}>
      <div className="route-head">
        <div className="route-title">
          <span className="route-channel" data-channel={route.channel}>
            {CHANNEL_LABELS[route.channel]}
          </span>
          <h3 id={`${id}-name`} className="route-name" data-testid="route-name">
            {route.name}
          </h3>
          {route.enabled ? null : (
            <span className="route-off" data-testid="route-disabled">
              <span aria-hidden="true">○ </span>Disabled: gets no alerts
            </span>
          )}
        </div>
        <div className="route-actions" role="group" aria-label={`Actions for ${route.name}`}>
          <button type="button" className="button" onClick={onTest} disabled={waiting} data-testid="route-test">
            {busy === 'test' ? 'Sending…' : 'Send test alert'}
          </button>
          <button type="button" className="button" onClick={onToggle} disabled={waiting} data-testid="route-toggle">
            {busy === 'toggle' ? (route.enabled ? 'Disabling…' : 'Enabling…') : route.enabled ? 'Disable' : 'Enable'}
          </button>
          <button ref={editRef} type="button" className="button" onClick={onEdit} disabled={waiting} aria-expanded={editing} aria-controls={editing ? `${id}-edit` : undefined} data-testid="route-edit">
            Edit
          </button>
          <button ref={deleteRef} type="button" className="button route-delete" onClick={() => setConfirming(true)} disabled={waiting} aria-expanded={confirming} data-testid="route-delete">
            {busy === 'delete' ? 'Deleting…' : 'Delete'}
          </button>
        </div>
      </div>

      <dl className="route-facts">
        <div>
          <dt>Target</dt>
          <dd>
            <code data-testid="route-target-hint">{route.targetHint}</code>
          </dd>
        </div>
        <div className="route-facts-wide">
          <dt>Sends</dt>
          <dd data-testid="route-filters">{describeRouteFilters(route)}</dd>
        </div>
        <div>
          <dt>Health</dt>
          <dd>
            <span className="route-health" data-state={health.state} data-testid="route-health">
              <span aria-hidden="true">{health.icon} </span>
              {health.label}
            </span>
            {health.detail ? (
              <span className="route-health-detail" data-testid="route-unhealthy-reason">
                {health.detail}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Last delivered</dt>
          <dd data-testid="route-last-delivered">{route.lastDeliveredAt ? <IncidentTime iso={route.lastDeliveredAt} now={now} layout="stacked" /> : <span className="muted">Never</span>}</dd>
        </div>
        <div>
          <dt>Deliveries</dt>
          <dd data-testid="route-counts">{describeDeliveryCounts(route.pending, route.failedLastDay)}</dd>
        </div>
      </dl>

      <div className="route-result" aria-live="polite" data-testid="route-result">
        {busy === 'test' ? <p className="muted">Sending a test alert…</p> : null}
        {busy !== 'test' && test ? (
          <p className={test.ok ? 'action-done' : 'action-error'} data-testid="route-test-result" data-ok={String(test.ok)}>
            <span aria-hidden="true">{test.ok ? '✓ ' : '✖ '}</span>
            <strong>{test.ok ? 'Test alert sent.' : 'Test alert failed.'}</strong> {test.message}
          </p>
        ) : null}
        {error ? (
          <p className="action-error" role="alert" data-testid="route-action-error">
            {error}
          </p>
        ) : null}
      </div>

      {confirming ? (
        <InlineConfirm
          id={`${id}-confirm`}
          confirmLabel="Delete route"
          onConfirm={() => {
            setConfirming(false);
            onDelete();
          }}
          onKeep={keep}
          testId="route-delete-confirm"
        >
          Delete <strong>{route.name}</strong>? Alerts stop going to it at once; this cannot be undone.
        </InlineConfirm>
      ) : null}

      {editing ? (
        <div id={`${id}-edit`} className="route-edit">
          {children}
        </div>
      ) : null}
    </li>
  );
}
