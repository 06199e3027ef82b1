import { FieldError } from '@/components/alert-route-field';
import { KIND_LABELS } from '@/lib/client/incident-labels';
import type { IncidentKind } from '@/lib/client/incident-labels';
import { incidentKinds } from '@/lib/incidents/incident-schemas';

type AlertRouteKindsProps = {
  id: string;
  value: readonly IncidentKind[];
  onChange: (kinds: IncidentKind[]) => void;
  error?: string;
};

/** Which kinds of incident the route takes; none ticked means every kind, as the API reads it. */
export function AlertRouteKinds({ id, value, onChange, error }: AlertRouteKindsProps) {
  const errorId = `${id}-error`;
  const toggle = (kind: IncidentKind, on: boolean) => onChange(on ? [...value, kind] : value.filter((k) => k !== kind));
  return (
    <fieldset className="route-field route-kinds" data-field="kinds" aria-describedby={[error ? errorId : null, `${id}-help`].filter(Boolean).join(' ')}>
      <legend className="filter-label">Incident kinds</legend>
      <div className="route-kind-options">
        {incidentKinds.map((kind) => (
          <label key={kind} className="route-kind-option">
            <input type="checkbox" checked={value.includes(kind)} onChange={(e) => toggle(kind, e.target.checked)} aria-invalid={error ? true : undefined} data-testid={`route-kind-${kind}`} />
            {KIND_LABELS[kind]}
          </label>
        ))}
      </div>
      {error ? <FieldError id={errorId} field="kinds" message={error} /> : null}
      <p id={`${id}-help`} className="field-help">
        {value.length === 0 ? 'None ticked: every kind.' : `${value.length} of ${incidentKinds.length} kinds.`}
      </p>
    </fieldset>
  );
}
