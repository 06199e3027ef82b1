import { FilterChip, FilterSelect, withCurrent } from '@/components/filter-select';
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

const KIND_OPTIONS = incidentKinds.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }));

export function IncidentFilters({ filters, onChange, environments, keyName }: IncidentFiltersProps) {
  const filtered = filters.kind !== undefined || filters.severity !== undefined || filters.environment !== undefined || filters.key !== undefined;

  return (
    <div className="incident-filters" role="group" aria-label="Filters" data-testid="incident-filters">
      <div className="filter">
        <span className="filter-label" aria-hidden="true">
          Status
        </span>
        <SegmentedControl label="Status" options={STATUS_OPTIONS} value={filters.status} onChange={(status) => onChange({ status })} testId="status-filter" />
      </div>
      <FilterSelect<IncidentKind> label="Kind" anyLabel="All kinds" value={filters.kind} options={KIND_OPTIONS} onChange={(kind) => onChange({ kind })} testId="kind-filter" />
      <FilterSelect<Severity> label="Severity" anyLabel="Any severity" value={filters.severity} options={SEVERITY_OPTIONS} onChange={(severity) => onChange({ severity })} testId="severity-filter" />
      <FilterSelect
        label="Environment"
        anyLabel="All environments"
        value={filters.environment}
        options={withCurrent(environments, filters.environment)}
        onChange={(environment) => onChange({ environment })}
        testId="environment-filter"
      />
      {filters.key ? (
        <FilterChip label="Key" clearLabel="Show every key" onClear={() => onChange({ key: undefined })} testId="key-filter">
          {keyName ?? <code>{filters.key}</code>}
        </FilterChip>
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
