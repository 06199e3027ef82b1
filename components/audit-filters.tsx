import { useId } from 'react';
import { FilterChip, FilterSelect, withCurrent } from '@/components/filter-select';
import type { AuditFilters as Filters } from '@/lib/client/audit-filters';
import { hasAuditFilters } from '@/lib/client/audit-filters';

type Facets = { actions: readonly string[]; targetTypes: readonly string[]; actors: readonly string[] };

type AuditFiltersProps = {
  filters: Filters;
  onChange: (change: Partial<Filters>) => void;
  /** Values the log holds; the current ones are always offered. */
  facets: Facets;
};

// Entity type, action, actor and a range of UTC days; each change is a URL of its own.
export function AuditFilters({ filters, onChange, facets }: AuditFiltersProps) {
  return (
    <div className="incident-filters audit-filters" role="group" aria-label="Filters" data-testid="audit-filters">
      <FilterSelect label="Entity" anyLabel="All entities" value={filters.entity} options={withCurrent(facets.targetTypes, filters.entity)} onChange={(entity) => onChange({ entity })} testId="audit-entity-filter" />
      <FilterSelect label="Action" anyLabel="All actions" value={filters.action} options={withCurrent(facets.actions, filters.action)} onChange={(action) => onChange({ action })} testId="audit-action-filter" />
      <FilterSelect label="Who" anyLabel="Anyone" value={filters.actor} options={withCurrent(facets.actors, filters.actor)} onChange={(actor) => onChange({ actor })} testId="audit-actor-filter" />
      <DayInput label="From (UTC)" value={filters.from} max={filters.to} onChange={(from) => onChange({ from })} testId="audit-from-filter" />
      <DayInput label="To (UTC)" value={filters.to} min={filters.from} onChange={(to) => onChange({ to })} testId="audit-to-filter" />
      {filters.entityId ? (
        <FilterChip label="Entity id" clearLabel="Show every entity" onClear={() => onChange({ entityId: undefined })} testId="audit-entity-id-filter">
          <code>{filters.entityId}</code>
        </FilterChip>
      ) : null}
      {hasAuditFilters(filters) ? (
        <button
          type="button"
          className="button button-small filter-clear"
          onClick={() => onChange({ action: undefined, entity: undefined, entityId: undefined, actor: undefined, from: undefined, to: undefined })}
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

type DayInputProps = { label: string; value: string | undefined; min?: string; max?: string; onChange: (value: string | undefined) => void; testId: string };

function DayInput({ label, value, min, max, onChange, testId }: DayInputProps) {
  const id = useId();
  return (
    <div className="filter">
      <label className="filter-label" htmlFor={id}>
        {label}
      </label>
      <input id={id} type="date" className="input audit-day" value={value ?? ''} min={min} max={max} onChange={(e) => onChange(e.target.value || undefined)} data-testid={testId} />
    </div>
  );
}
