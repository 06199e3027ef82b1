import { useId } from 'react';
import { actionAvailability } from '@/lib/client/incident-labels';
import type { Availability } from '@/lib/client/incident-labels';
import type { IncidentDetail } from '@/lib/incidents/incident-schemas';

export type IncidentActionType = 'acknowledge' | 'resolve' | 'feedback';

type IncidentActionsProps = {
  incident: IncidentDetail;
  /** The action being saved, if any: every button waits for it. */
  pending: IncidentActionType | null;
  onAcknowledge: () => void;
  onResolve: () => void;
};

/** Acknowledge and Resolve; a button that cannot be used says why next to it. */
export function IncidentActions({ incident, pending, onAcknowledge, onResolve }: IncidentActionsProps) {
  const can = actionAvailability(incident);
  return (
    <div className="incident-actions" data-testid="incident-actions">
      <ActionButton
        label="Acknowledge"
        busyLabel="Acknowledging…"
        hint="Tells the team someone is on it."
        availability={can.acknowledge}
        busy={pending === 'acknowledge'}
        disabled={pending !== null}
        onClick={onAcknowledge}
        testId="acknowledge-button"
      />
      <ActionButton
        label="Resolve"
        busyLabel="Resolving…"
        hint="Closes the incident and its alerts."
        availability={can.resolve}
        busy={pending === 'resolve'}
        disabled={pending !== null}
        onClick={onResolve}
        testId="resolve-button"
      />
    </div>
  );
}

type ActionButtonProps = {
  label: string;
  busyLabel: string;
  hint: string;
  availability: Availability;
  busy: boolean;
  disabled: boolean;
  onClick: () => void;
  testId: string;
};

function ActionButton({ label, busyLabel, hint, availability, busy, disabled, onClick, testId }: ActionButtonProps) {
  const id = useId();
  return (
    <div className="incident-action">
      <button
        type="button"
        className="button button-primary"
        onClick={onClick}
        disabled={!availability.allowed || disabled}
        aria-describedby={id}
        data-testid={testId}
      >
        {busy ? busyLabel : label}
      </button>
      <p id={id} className="incident-action-hint">
        {availability.allowed ? hint : availability.reason}
      </p>
    </div>
  );
}
