'use client';

import { useMemo } from 'react';
import { SettingsPageHeader } from '@/components/settings-page-header';
import { Panel } from '@/components/panel';
import { QueryView } from '@/components/query-view';
import { SettingsEnvironmentForm } from '@/components/settings-environment-form';
import { SettingsRotationForm } from '@/components/settings-rotation-form';
import { EmptyState, LoadingState } from '@/components/state-views';
import { environmentBody, environmentErrors } from '@/lib/client/environment-draft';
import { formatInteger } from '@/lib/client/format';
import { settingsErrors, topLevelField } from '@/lib/client/settings-errors';
import { useEnvironmentSettings, useRotationPolicy, useSetRotationPolicy, useUpdateEnvironmentSettings } from '@/lib/client/use-environment-settings';
import type { EnvironmentSettingsView } from '@/lib/environments/environment-schemas';
import '../settings.css';

const ZONES_LIST = 'settings-time-zones';
// Every zone the browser knows, as suggestions; the field takes any IANA name the server knows.
const zones = (): string[] => (typeof Intl.supportedValuesOf === 'function' ? ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')] : ['UTC']);

export default function EnvironmentSettingsPage() {
  const environments = useEnvironmentSettings();
  const rotation = useRotationPolicy();
  const data = environments.data;

  return (
    <div className="page settings-page">
      <SettingsPageHeader title="Environments">
        Each environment&apos;s time zone and working hours. Usage outside working hours is flagged as off-hours; without them, Burnrate learns each key&apos;s usual hours from its history.
      </SettingsPageHeader>
      <Panel id="environments" title={data ? `Environments · ${formatInteger(data.environments.length)}` : 'Environments'}>
        <QueryView
          query={environments}
          what="environments"
          loading={<LoadingState variant="table" rows={2} label="Loading environments…" />}
          empty={<EmptyState title="No environments yet.">Environments appear with the keys that use them, once a connection has synced.</EmptyState>}
          isEmpty={(d) => d.environments.length === 0}
        >
          {(d) => (
            <div className="route-list" data-testid="environments">
              <ZoneSuggestions />
              {d.environments.map((env) => (
                <EnvironmentItem key={env.name} environment={env} />
              ))}
            </div>
          )}
        </QueryView>
      </Panel>
      <Panel id="rotation" title="Key rotation policy">
        <QueryView query={rotation} what="the rotation policy" loading={<LoadingState variant="table" rows={1} label="Loading the rotation policy…" />} empty={null} isEmpty={() => false}>
          {(policy) => <RotationItem policy={policy} />}
        </QueryView>
      </Panel>
    </div>
  );
}

// Rendered with the loaded list only, so in the browser alone: its zones may differ from the server's.
function ZoneSuggestions() {
  const list = useMemo(() => zones(), []);
  return (
    <datalist id={ZONES_LIST}>
      {list.map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}

function EnvironmentItem({ environment }: { environment: EnvironmentSettingsView }) {
  const save = useUpdateEnvironmentSettings(environment.name);
  const errors = useMemo(() => (save.error ? environmentErrors(save.error) : null), [save.error]);
  return (
    <SettingsEnvironmentForm
      environment={environment}
      zonesListId={ZONES_LIST}
      saving={save.isPending}
      errors={errors}
      saved={save.isSuccess}
      onSubmit={(draft) => {
        const body = environmentBody(draft, environment);
        if (body) save.mutate(body);
      }}
    />
  );
}

function RotationItem({ policy }: { policy: Parameters<typeof SettingsRotationForm>[0]['policy'] }) {
  const save = useSetRotationPolicy();
  const error = save.error ? settingsErrors(save.error, topLevelField(['rotationDays'] as const)) : null;
  return <SettingsRotationForm policy={policy} saving={save.isPending} error={error ? (error.fields.rotationDays ?? error.general) : null} saved={save.isSuccess} onSubmit={(days) => save.mutate(days)} />;
}
