import { useEffect, useId } from 'react';
import { AlertRouteField } from '@/components/alert-route-field';
import { AlertRouteKinds } from '@/components/alert-route-kinds';
import { SegmentedControl } from '@/components/segmented-control';
import { CHANNEL_LABELS, DIGEST_WORDS, MIN_SEVERITY_LABELS, TARGET_FIELDS } from '@/lib/client/alert-route-labels';
import type { AlertChannel } from '@/lib/client/alert-route-labels';
import type { FieldErrors, RouteDraft, RouteField, RoutePreset } from '@/lib/client/alert-route-draft';
import type { Severity } from '@/lib/client/incident-labels';
import { useSettingsForm } from '@/lib/client/use-settings-form';
import { severities } from '@/lib/incidents/incident-schemas';

const CHANNEL_OPTIONS = (['slack', 'pagerduty'] as const).map((value) => ({ value, label: CHANNEL_LABELS[value] }));

type AlertRouteFormProps = {
  mode: 'create' | 'edit';
  initial: RouteDraft;
  /** Edit only: the current target's redacted hint, so "leave empty" says what it keeps. */
  targetHint?: string;
  /** Create only: starting points that fill the filters in. */
  presets?: readonly RoutePreset[];
  saving: boolean;
  /** The server's reasons for refusing the last save, placed on their fields. */
  errors: FieldErrors | null;
  onSubmit: (draft: RouteDraft) => void;
  onCancel?: () => void;
};

/**
 * Adds a route or edits one. Validation is the server's: its messages come back on the
 * fields they are about, and a field's message goes once that field is changed.
 */
export function AlertRouteForm({ mode, initial, targetHint, presets = [], saving, errors, onSubmit, onCancel }: AlertRouteFormProps) {
  const id = useId();
  const { formRef, draft, setDraft, change, errorOf, submit } = useSettingsForm<RouteDraft, RouteField>({
    initial,
    errors,
    onSubmit,
    // A Slack URL is no PagerDuty key: switching channel empties the target.
    implied: (d, field, value) => (field === 'channel' && value !== d.channel ? { target: '' } : {}),
  });
  const target = TARGET_FIELDS[draft.channel];

  // An edit form opens in place of the route's details: start typing in it.
  useEffect(() => {
    if (mode === 'edit') formRef.current?.querySelector<HTMLElement>('input')?.focus();
  }, [mode, formRef]);

  return (
    <form ref={formRef} className="route-form" onSubmit={submit} noValidate aria-label={mode === 'create' ? 'Add a route' : `Edit ${initial.name}`} data-testid={mode === 'create' ? 'route-form' : 'route-edit-form'}>
      <fieldset className="route-form-fields" disabled={saving}>
        {mode === 'create' ? (
          <>
            {presets.length > 0 ? (
              <div className="route-presets" role="group" aria-labelledby={`${id}-presets`}>
                <span id={`${id}-presets`} className="filter-label">
                  Start from a suggestion
                </span>
                <ul className="route-preset-list">
                  {presets.map((preset) => (
                    <li key={preset.id}>
                      <button
                        type="button"
                        className="button button-small"
                        aria-describedby={`${id}-preset-${preset.id}`}
                        onClick={() => setDraft((d) => ({ ...preset.draft, target: d.channel === preset.draft.channel ? d.target : '' }))}
                        data-testid={`route-preset-${preset.id}`}
                      >
                        {preset.label}
                      </button>
                      <span id={`${id}-preset-${preset.id}`} className="field-help">
                        {preset.why}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div className="route-field">
              <span className="filter-label" aria-hidden="true">
                Channel
              </span>
              <SegmentedControl label="Channel" options={CHANNEL_OPTIONS} value={draft.channel} onChange={(c: AlertChannel) => change('channel', c)} testId="route-channel" />
            </div>
          </>
        ) : null}
        <AlertRouteField id={`${id}-name`} field="name" label="Name" help="Shown in the delivery log, e.g. “Slack #llm-spend”." error={errorOf('name')}>
          {(control) => <input {...control} className="input route-input" value={draft.name} onChange={(e) => change('name', e.target.value)} autoComplete="off" data-testid="route-name-input" />}
        </AlertRouteField>
        <AlertRouteField
          id={`${id}-target`}
          field="target"
          label={mode === 'create' ? target.label : `New ${target.label}`}
          help={mode === 'create' ? target.help : `Leave empty to keep the current one (${targetHint ?? 'hidden'}). ${target.help}`}
          error={errorOf('target')}
        >
          {(control) => (
            <input
              {...control}
              className="input route-input route-target-input"
              value={draft.target}
              onChange={(e) => change('target', e.target.value)}
              placeholder={target.placeholder}
              autoComplete="off"
              spellCheck={false}
              data-testid="route-target-input"
            />
          )}
        </AlertRouteField>
        <AlertRouteField id={`${id}-environments`} field="environments" label="Environments" help="Comma-separated, e.g. production, staging. Empty: every environment." error={errorOf('environments')}>
          {(control) => <input {...control} className="input route-input" value={draft.environments} onChange={(e) => change('environments', e.target.value)} autoComplete="off" data-testid="route-environments-input" />}
        </AlertRouteField>
        <AlertRouteKinds id={`${id}-kinds`} value={draft.kinds} onChange={(kinds) => change('kinds', kinds)} error={errorOf('kinds')} />
        {draft.channel === 'slack' ? (
          <AlertRouteField id={`${id}-digest`} field="digest" label="Delivery" help={`A digest takes ${DIGEST_WORDS}, in one message; anything louder needs an immediate route.`} error={errorOf('digest')}>
            {(control) => (
              <label className="route-enabled">
                <input {...control} type="checkbox" checked={draft.digest} onChange={(e) => change('digest', e.target.checked)} data-testid="route-digest-input" /> Daily digest instead of at once
              </label>
            )}
          </AlertRouteField>
        ) : null}
        <AlertRouteField
          id={`${id}-severity`}
          field="minSeverity"
          label="Severity"
          help={draft.channel === 'slack' && draft.digest ? 'A digest takes info-level notices only.' : 'Incidents below this are not sent here.'}
          error={errorOf('minSeverity')}
        >
          {(control) => (
            <select
              {...control}
              className="select"
              value={draft.minSeverity}
              disabled={draft.channel === 'slack' && draft.digest}
              onChange={(e) => change('minSeverity', e.target.value as Severity)}
              data-testid="route-severity-input"
            >
              {severities.map((s) => (
                <option key={s} value={s}>
                  {MIN_SEVERITY_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </AlertRouteField>
        <AlertRouteField id={`${id}-tags`} field="keyTags" label="Key tags" help="Only incidents on keys with one of these tags, comma-separated. Empty: every key." error={errorOf('keyTags')}>
          {(control) => <input {...control} className="input route-input" value={draft.keyTags} onChange={(e) => change('keyTags', e.target.value)} autoComplete="off" data-testid="route-tags-input" />}
        </AlertRouteField>
        {mode === 'create' ? (
          <label className="route-enabled">
            <input type="checkbox" checked={draft.enabled} onChange={(e) => change('enabled', e.target.checked)} data-testid="route-enabled-input" />
            Enabled: send alerts to it as soon as it is added
          </label>
        ) : null}
      </fieldset>
      {errors?.general ? (
        <p className="action-error" role="alert" data-testid="route-form-error">
          <strong>{mode === 'create' ? 'Could not add the route.' : 'Could not save the route.'}</strong> {errors.general}
        </p>
      ) : null}
      <div className="route-form-buttons">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="route-submit">
          {mode === 'create' ? (saving ? 'Adding…' : 'Add route') : saving ? 'Saving…' : 'Save changes'}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel} disabled={saving} data-testid="route-cancel">
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
