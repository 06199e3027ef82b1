import { FilterChip, FilterSelect, withCurrent } from '@/components/filter-select';
import type { KeyFilters } from '@/lib/client/key-filters';
import { KEY_STATUS_LABELS, PROVIDER_LABELS } from '@/lib/client/key-labels';
import type { KeyStatus } from '@/lib/client/key-labels';
import type { KeyRow } from '@/lib/usage/overview-schemas';

type KeyListFiltersProps = {
  filters: KeyFilters;
  onChange: (change: Partial<KeyFilters>) => void;
  /** Environments to offer; the current one is always offered. */
  environments: readonly string[];
  /** False on an environment's page, where the environment is fixed. */
  showEnvironment?: boolean;
};

const PROVIDER_OPTIONS = Object.entries(PROVIDER_LABELS).map(([value, label]) => ({ value: value as KeyRow['provider'], label }));
const STATUS_OPTIONS = Object.entries(KEY_STATUS_LABELS).map(([value, label]) => ({ value: value as KeyStatus, label }));

export function KeyListFilters({ filters, onChange, environments, showEnvironment = true }: KeyListFiltersProps) {
  const filtered = (showEnvironment && filters.environment !== undefined) || filters.provider !== undefined || filters.status !== undefined || filters.tag !== undefined;

  return (
    <div className="incident-filters" role="group" aria-label="Filters" data-testid="key-filters">
      {showEnvironment ? (
        <FilterSelect
          label="Environment"
          anyLabel="All environments"
          value={filters.environment}
          options={withCurrent(environments, filters.environment)}
          onChange={(environment) => onChange({ environment })}
          testId="key-environment-filter"
        />
      ) : null}
      <FilterSelect label="Provider" anyLabel="All providers" value={filters.provider} options={PROVIDER_OPTIONS} onChange={(provider) => onChange({ provider })} testId="key-provider-filter" />
      <FilterSelect label="Status" anyLabel="Any status" value={filters.status} options={STATUS_OPTIONS} onChange={(status) => onChange({ status })} testId="key-status-filter" />
      {filters.tag ? (
        <FilterChip label="Tag" clearLabel="Show every tag" onClear={() => onChange({ tag: undefined })} testId="key-tag-filter">
          {filters.tag}
        </FilterChip>
      ) : null}
      {filtered ? (
        <button
          type="button"
          className="button button-small filter-clear"
          onClick={() => onChange({ ...(showEnvironment ? { environment: undefined } : {}), provider: undefined, status: undefined, tag: undefined })}
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
