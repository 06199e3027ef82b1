import { useId } from 'react';
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

export function KeyListFilters({ filters, onChange, environments, showEnvironment = true }: KeyListFiltersProps) {
  const id = useId();
  const environmentOptions = [...new Set([...environments, ...(filters.environment ? [filters.environment] : [])])].sort((a, b) => a.localeCompare(b));
  const filtered = (showEnvironment && filters.environment !== undefined) || filters.provider !== undefined || filters.status !== undefined || filters.tag !== undefined;

  return (
    <div className="incident-filters" role="group" aria-label="Filters" data-testid="key-filters">
      {showEnvironment ? (
        <div className="filter">
          <label className="filter-label" htmlFor={`${id}-environment`}>
            Environment
          </label>
          <select
            id={`${id}-environment`}
            className="select"
            value={filters.environment ?? ''}
            onChange={(e) => onChange({ environment: e.target.value || undefined })}
            data-testid="key-environment-filter"
          >
            <option value="">All environments</option>
            {environmentOptions.map((environment) => (
              <option key={environment} value={environment}>
                {environment}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="filter">
        <label className="filter-label" htmlFor={`${id}-provider`}>
          Provider
        </label>
        <select
          id={`${id}-provider`}
          className="select"
          value={filters.provider ?? ''}
          onChange={(e) => onChange({ provider: (e.target.value || undefined) as KeyRow['provider'] | undefined })}
          data-testid="key-provider-filter"
        >
          <option value="">All providers</option>
          {Object.entries(PROVIDER_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label className="filter-label" htmlFor={`${id}-status`}>
          Status
        </label>
        <select
          id={`${id}-status`}
          className="select"
          value={filters.status ?? ''}
          onChange={(e) => onChange({ status: (e.target.value || undefined) as KeyStatus | undefined })}
          data-testid="key-status-filter"
        >
          <option value="">Any status</option>
          {Object.entries(KEY_STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {filters.tag ? (
        <p className="filter-chip" data-testid="key-tag-filter">
          Tag: {filters.tag}
          <button type="button" className="button button-small" onClick={() => onChange({ tag: undefined })}>
            <span aria-hidden="true">✕</span>
            <span className="sr-only">Show every tag</span>
          </button>
        </p>
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
