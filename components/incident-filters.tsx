import { useId } from 'react';
import { SegmentedControl } from '@/components/segmented-control';
import type { IncidentFilters as Filters, StatusFilter } from '@/lib/client/incident-filters';
import { KIND_LABELS } from '@/lib/client/incident-labels';
import type { IncidentKind, Severity } from '@/lib/client/incident-labels';
import { incidentKinds } from '@/lib/incidents/incident-schemas';

const STATUS_OPTIONS = [
  { value: 'active', label: 'Active', description: 'Open or acknowledged' },
  { value: 'open', label: 'Open', description: 'Not yet acknowledged' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
] as const satisfies readonly { value: StatusFilter; label: string; description?: string }[];

// The API's severity filter is a minimum.
const SEVERITY_OPTIONS: readonly { value: Severity; label: string }[] = [
  { value: 'info', label: 'Info and above' },
  { value: 'warning', label: 'Warning and above' },
  { value: 'error', label: 'Error and above' },
  { value: 'critical', label: 'Critical only' },
];

type IncidentFiltersProps = {
  filters: Filters;
  onChange: (change: Partial<Filters>) => void;
  /** Environments to offer; the current one is always offered. */
  environments: readonly string[];
  /** Name of the key in `filters.key`, when known. */
  keyName?: string | null;
};

export function IncidentFilters({ filters, onChange, environments, keyName }: IncidentFiltersProps) {
  const id = useId();
  const environmentOptions = [...new Set([...environments, ...(filters.environment ? [filters.environment] : [])])].sort((a, b) => a.localeCompare(b));
  const filtered = filters.kind !== undefined || filters.severity !== undefined || filters.environment !== undefined || filters.key !== undefined;

  return (
    <div className="incident-filters" role="group" aria-label="Filters" data-testid="incident-filters">
      <div className="filter">
        <span className="filter-label" aria-hidden="true">
          Status
        </span>
        <SegmentedControl label="Status" options={STATUS_OPTIONS} value={filters.status} onChange={(status) => onChange({ status })} testId="status-filter" />
      </div>
      <div className="filter">
        <label className="filter-label" htmlFor={`${id}-kind`}>
          Kind
        </label>
        <select
          id={`${id}-kind`}
          className="select"
          value={filters.kind ?? ''}
          onChange={(e) => onChange({ kind: (e.target.value || undefined) as IncidentKind | undefined })}
          data-testid="kind-filter"
        >
          <option value="">All kinds</option>
          {incidentKinds.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label className="filter-label" htmlFor={`${id}-severity`}>
          Severity
        </label>
        <select
          id={`${id}-severity`}
          className="select"
          value={filters.severity ?? ''}
          onChange={(e) => onChange({ severity: (e.target.value || undefined) as Severity | undefined })}
          data-testid="severity-filter"
        >
          <option value="">Any severity</option>
          {SEVERITY_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label className="filter-label" htmlFor={`${id}-environment`}>
          Environment
        </label>
        <select
          id={`${id}-environment`}
          className="select"
          value={filters.environment ?? ''}
          onChange={(e) => onChange({ environment: e.target.value || undefined })}
          data-testid="environment-filter"
        >
          <option value="">All environments</option>
          {environmentOptions.map((environment) => (
            <option key={environment} value={environment}>
              {environment}
            </option>
          ))}
        </select>
      </div>
      {filters.key ? (
        <p className="filter-chip" data-testid="key-filter">
          Key: {keyName ?? <code>{filters.key}</code>}
          <button type="button" className="button button-small" onClick={() => onChange({ key: undefined })}>
            <span aria-hidden="true">✕</span>
            <span className="sr-only">Show every key</span>
          </button>
        </p>
      ) : null}
      {filtered ? (
        <button
          type="button"
          className="button button-small filter-clear"
          onClick={() => onChange({ kind: undefined, severity: undefined, environment: undefined, key: undefined })}
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
