'use client';

import { useMemo, useState } from 'react';
import { SettingsPageHeader, ActionNotice } from '@/components/settings-page-header';
import { AlertRouteCard } from '@/components/alert-route-card';
import type { RouteBusy } from '@/components/alert-route-card';
import { AlertRouteForm } from '@/components/alert-route-form';
import { Panel } from '@/components/panel';
import { QueryView } from '@/components/query-view';
import { EmptyState, LoadingState } from '@/components/state-views';
import { createBody, draftOf, emptyDraft, fieldErrors, routePresets, toggleBody, updateBody } from '@/lib/client/alert-route-draft';
import type { RouteDraft } from '@/lib/client/alert-route-draft';
import { formatInteger } from '@/lib/client/format';
import { useAlertRoutes, useCreateAlertRoute, useDeleteAlertRoute, useTestAlertRoute, useUpdateAlertRoute } from '@/lib/client/use-alert-routes';
import type { AlertRouteView } from '@/lib/alerts/alert-route-schemas';
import '../settings.css';

const PRESETS = routePresets();

export default function AlertRoutesPage() {
  const routes = useAlertRoutes();
  // What just happened to the list, said once for screen readers and kept in view.
  const [notice, setNotice] = useState<string | null>(null);
  const data = routes.data;

  return (
    <div className="page settings-page">
      <SettingsPageHeader title="Alert routes">
        Where Burnrate sends alerts. Every incident goes to each enabled route whose filters it matches; a route with empty filters takes everything at its severity and above.
      </SettingsPageHeader>
      <Panel id="routes" title={data ? `Routes · ${formatInteger(data.routes.length)}` : 'Routes'}>
        <ActionNotice notice={notice} testId="routes-notice" />
        <QueryView
          query={routes}
          what="alert routes"
          loading={<LoadingState variant="table" rows={2} label="Loading alert routes…" />}
          empty={<EmptyState title="No alert routes yet.">Incidents are still recorded, but nobody is told. Add a route below: PagerDuty for production and Slack for everything are good first ones.</EmptyState>}
          isEmpty={(d) => d.routes.length === 0}
        >
          {(d) => (
            <ul className="route-list" data-testid="alert-routes">
              {d.routes.map((route) => (
                <RouteItem key={route.id} route={route} now={new Date(routes.dataUpdatedAt)} onDeleted={() => setNotice(`Deleted ${route.name}.`)} />
              ))}
            </ul>
          )}
        </QueryView>
      </Panel>
      <Panel id="add-route" title="Add a route">
        <AddRoute onAdded={(route) => setNotice(`Added ${route.name}${route.enabled ? '' : ' (disabled)'}. Send it a test alert to check it works.`)} />
      </Panel>
    </div>
  );
}

function RouteItem({ route, now, onDeleted }: { route: AlertRouteView; now: Date; onDeleted: () => void }) {
  const test = useTestAlertRoute(route.id);
  const toggle = useUpdateAlertRoute(route.id);
  const save = useUpdateAlertRoute(route.id);
  const remove = useDeleteAlertRoute(route.id);
  const [editing, setEditing] = useState(false);
  const saveErrors = useMemo(() => (save.error ? fieldErrors(save.error) : null), [save.error]);

  const busy: RouteBusy | null = test.isPending ? 'test' : toggle.isPending ? 'toggle' : remove.isPending ? 'delete' : null;
  const error = toggle.error
    ? `Could not ${route.enabled ? 'disable' : 'enable'} the route. ${toggle.error.message}`
    : remove.error
      ? `Could not delete the route. ${remove.error.message}`
      : test.error
        ? `Could not send the test alert. ${test.error.message}`
        : null;

  const submit = (draft: RouteDraft) => {
    const body = updateBody(draft, route);
    if (body === null) setEditing(false);
    else save.mutate(body, { onSuccess: () => setEditing(false) });
  };

  return (
    <AlertRouteCard
      route={route}
      now={now}
      busy={busy}
      test={test.data ?? null}
      error={error}
      editing={editing}
      onTest={() => {
        toggle.reset();
        remove.reset();
        test.mutate();
      }}
      onToggle={() => {
        remove.reset();
        toggle.mutate(toggleBody(route));
      }}
      onEdit={() => {
        save.reset();
        setEditing((open) => !open);
      }}
      // The card is gone once the list drops the route, so the promise (not a mutate callback) says it is done.
      onDelete={() => void remove.mutateAsync().then(onDeleted, () => undefined)}
    >
      <AlertRouteForm mode="edit" initial={draftOf(route)} targetHint={route.targetHint} saving={save.isPending} errors={saveErrors} onSubmit={submit} onCancel={() => setEditing(false)} />
    </AlertRouteCard>
  );
}

function AddRoute({ onAdded }: { onAdded: (route: AlertRouteView) => void }) {
  const create = useCreateAlertRoute();
  // A new form (empty again) after each route added.
  const [added, setAdded] = useState(0);
  const errors = useMemo(() => (create.error ? fieldErrors(create.error) : null), [create.error]);
  return (
    <AlertRouteForm
      key={added}
      mode="create"
      initial={emptyDraft()}
      presets={PRESETS}
      saving={create.isPending}
      errors={errors}
      onSubmit={(draft) =>
        create.mutate(createBody(draft), {
          onSuccess: (route) => {
            setAdded((n) => n + 1);
            onAdded(route);
          },
        })
      }
    />
  );
}
