'use client';

import Link from 'next/link';
import { use } from 'react';
import { DeliveryLog } from '@/components/delivery-log';
import { IncidentActions } from '@/components/incident-actions';
import type { IncidentActionType } from '@/components/incident-actions';
import { IncidentChart } from '@/components/incident-chart';
import { IncidentEvidence } from '@/components/incident-evidence';
import { IncidentFeedback } from '@/components/incident-feedback';
import { IncidentHeader } from '@/components/incident-header';
import { IncidentTimeline } from '@/components/incident-timeline';
import { Panel } from '@/components/panel';
import { QueryView } from '@/components/query-view';
import { EmptyState, ErrorState, LoadingState } from '@/components/state-views';
import { ApiError } from '@/lib/client/fetch-json';
import { isIncidentSeriesEmpty } from '@/lib/client/incident-chart-rows';
import { useIncident, useIncidentAction, useIncidentSeries } from '@/lib/client/use-incidents';
import { useKeyDetail } from '@/lib/client/use-keys';
import type { IncidentDetail } from '@/lib/incidents/incident-schemas';
import { KeyDisableAction } from '../../keys/key-disable-action';

const ACTION_WORDS: Record<IncidentActionType, { failed: string; done: string }> = {
  acknowledge: { failed: 'Could not acknowledge', done: 'Acknowledged.' },
  resolve: { failed: 'Could not resolve', done: 'Resolved.' },
  feedback: { failed: 'Could not save the feedback', done: 'Feedback saved.' },
};

export default function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = use(params);
  const incident = useIncident(id);

  if (!incident.data && incident.error instanceof ApiError && incident.error.status === 404) return <IncidentNotFound message={incident.error.message} />;
  if (!incident.data) {
    return (
      <div className="page">
        <BackLink />
        {incident.error ? (
          <ErrorState title="Could not load the incident" message={incident.error.message} onRetry={() => void incident.refetch()} retrying={incident.isFetching} />
        ) : (
          <LoadingState variant="cards" label="Loading the incident…" />
        )}
      </div>
    );
  }
  return <IncidentView incident={incident.data} now={new Date(incident.dataUpdatedAt)} refetchIncident={incident.refetch} />;
}

function IncidentView({ incident, now, refetchIncident }: { incident: IncidentDetail; now: Date; refetchIncident: () => Promise<unknown> }) {
  const action = useIncidentAction(incident.id);
  const series = useIncidentSeries(incident.id);
  const pending = action.isPending ? (action.variables?.type ?? null) : null;
  const last = action.variables?.type;

  return (
    <div className="page incident-page">
      <BackLink />
      <IncidentHeader incident={incident} now={now} />

      <Panel id="respond" title="Respond">
        <div className="respond">
          <IncidentActions
            incident={incident}
            pending={pending}
            onAcknowledge={() => action.mutate({ type: 'acknowledge' })}
            onResolve={() => action.mutate({ type: 'resolve' })}
          />
          <IncidentFeedback
            // Start again from what is stored once new feedback is saved.
            key={`${incident.feedback ?? 'none'}-${incident.feedbackNote ?? ''}`}
            incident={incident}
            now={now}
            saving={pending !== null}
            onSubmit={(feedback, note) => action.mutate({ type: 'feedback', feedback, note })}
          />
        </div>
        <div aria-live="polite" className="action-result">
          {action.isError && last ? (
            <p className="action-error" role="alert" data-testid="action-error">
              <strong>{ACTION_WORDS[last].failed}.</strong> {action.error.message}
            </p>
          ) : action.isSuccess && last ? (
            <p className="action-done" data-testid="action-done">
              <span aria-hidden="true">✓ </span>
              {ACTION_WORDS[last].done}
            </p>
          ) : null}
        </div>
      </Panel>

      {incident.key ? <StopKey keyId={incident.key.id} keyName={incident.key.name} onDisabled={() => void refetchIncident()} /> : null}

      <Panel id="usage-around" title="Usage around the incident">
        <QueryView
          query={series}
          what="the key’s usage"
          loading={<LoadingState variant="chart" label="Loading usage around the incident…" />}
          empty={<EmptyState title="No usage recorded around this incident." />}
          isEmpty={isIncidentSeriesEmpty}
        >
          {(data) => <IncidentChart series={data} incident={incident} />}
        </QueryView>
      </Panel>

      <div className="incident-columns">
        <Panel id="evidence" title="Evidence">
          <IncidentEvidence evidence={incident.evidence} />
        </Panel>
        <Panel id="timeline" title="Timeline">
          <IncidentTimeline events={incident.events} now={now} />
        </Panel>
      </div>

      <Panel id="deliveries" title="Alert deliveries">
        <DeliveryLog deliveries={incident.deliveries} now={now} />
      </Panel>
    </div>
  );
}

/** Disabling the incident's key at its provider, as on the key's page, without leaving the incident. */
function StopKey({ keyId, keyName, onDisabled }: { keyId: string; keyName: string; onDisabled: () => void }) {
  const key = useKeyDetail(keyId);
  return (
    <Panel id="stop-key" title={`Stop the key “${keyName}”`}>
      <QueryView query={key} what="the key" loading={<LoadingState variant="table" rows={1} label="Loading the key…" />} empty={null} isEmpty={() => false}>
        {(apiKey) => <KeyDisableAction apiKey={apiKey} onDisabled={onDisabled} />}
      </QueryView>
    </Panel>
  );
}

function BackLink() {
  return (
    <p>
      <Link href="/incidents" className="back-link">
        <span aria-hidden="true">← </span>All incidents
      </Link>
    </p>
  );
}

function IncidentNotFound({ message }: { message: string }) {
  return (
    <div className="page">
      <BackLink />
      <div className="state state-not-found" data-testid="incident-not-found">
        <h1 className="page-title">Incident not found</h1>
        <p className="state-detail">{message}</p>
        <p className="state-detail">It may have been deleted together with its key, or the link is incomplete.</p>
        <Link href="/incidents?status=all" className="button">
          See all incidents
        </Link>
      </div>
    </div>
  );
}
